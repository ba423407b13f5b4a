using Kiosk.Contract.Bpjs;
using Kiosk.TestSupport;

namespace Kiosk.Contract.Tests;

/// <summary>
/// The fuzz corpus of the private BPJS channel (fuzz/seeds/bpjs-request, fuzz/findings/bpjs-request) replayed: a request
/// gets exactly one answer, the request or a refusal with a message, and a reply is read or not, never a throw.
/// </summary>
public sealed class BpjsReaderFuzzCorpusTests
{
    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("bpjs-request");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_fuzz_input_gets_exactly_one_answer(string input)
    {
        var payload = FuzzCorpus.Read(input);
        var accepted = BpjsReader.TryReadRequest(payload, out var request, out var refusal);

        Assert.Equal(accepted, request is not null);
        Assert.Equal(!accepted, refusal is not null && !string.IsNullOrWhiteSpace(refusal.Message));
        _ = BpjsReader.TryReadReply(payload, out _);
    }
}
