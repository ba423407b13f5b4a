using System.Text;
using Kiosk.Bpjs.Fktp;
using Kiosk.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>
/// The fuzz corpus of the FKTP service (fuzz/seeds/bpjs-fktp, fuzz/findings/bpjs-fktp) replayed: every body gets exactly
/// one answer from each reader, a request or an Indonesian problem, and no bytes from outside are a token.
/// </summary>
public sealed class FktpFuzzCorpusTests
{
    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("bpjs-fktp");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_fuzz_input_gets_exactly_one_answer(string input)
    {
        var payload = FuzzCorpus.Read(input);

        var ambil = FktpRequestReader.TryReadAmbil(payload, out var request, out var problem);
        Assert.Equal(ambil, request is not null);
        Assert.Equal(!ambil, problem.Length > 0);
        var batal = FktpRequestReader.TryReadBatal(payload, out var cancel, out problem);
        Assert.Equal(batal, cancel is not null);
        Assert.Equal(!batal, problem.Length > 0);
        Assert.False(new FktpTokens(TimeSpan.FromMinutes(30), new FakeTimeProvider(FktpRig.Morning)).IsValid(Encoding.UTF8.GetString(payload), "mobilejkn"));
    }

    [Fact]
    public void The_seeds_hold_a_good_ambil_and_a_good_batal()
    {
        Assert.True(FktpRequestReader.TryReadAmbil(FuzzCorpus.Read("seeds/bpjs-fktp/ambil.json"), out var ambil, out _));
        Assert.Equal(new AmbilAntreanRequest("0001234567890", "3201010101010001", "001", new DateOnly(2026, 12, 7)), ambil);
        Assert.True(FktpRequestReader.TryReadBatal(FuzzCorpus.Read("seeds/bpjs-fktp/batal.json"), out var batal, out _));
        Assert.Equal(new BatalAntreanRequest("0001234567890", "001", new DateOnly(2026, 12, 7), "Berhalangan"), batal);
    }
}
