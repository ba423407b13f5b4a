using Kiosk.Contract.District;
using Kiosk.District.Ingest;
using Kiosk.DistrictLink.Forwarding;
using Kiosk.TestSupport;

namespace Kiosk.District.Tests.Ingest;

/// <summary>
/// The district fuzz target's corpus (fuzz/seeds/district and anything afl-fuzz keeps in fuzz/findings/district),
/// replayed: the link decides and the ingest answers for every input; each seed, a well-formed event or status of
/// pkm-kokop, is read as what it is on its own subject and refused on another site's.
/// </summary>
public sealed class DistrictFuzzCorpusTests
{
    private static readonly LinkRoutes Routes = new("pkm-kokop");

    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("district");

    public static TheoryData<string> Seeds => [.. FuzzCorpus.Files("district").Where(f => f.StartsWith("seeds/", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_input_gets_an_answer_from_link_and_ingest(string input)
    {
        var bytes = FuzzCorpus.Read(input);
        Assert.NotNull(Routes.Decide("queue/pkm-kokop/events", bytes));
        Assert.NotNull(Routes.Decide("queue/pkm-kokop/kiosk/kiosk-1/status", bytes));
        Assert.NotNull(IngestReader.Read(DistrictSubjects.Events("pkm-kokop"), bytes, 1, 64 * 1024));
        Assert.NotNull(IngestReader.Read(DistrictSubjects.Status("pkm-kokop", "kiosk-1"), bytes, 2, 64 * 1024));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_is_accepted_on_its_own_subject_and_refused_under_another_site(string input)
    {
        var bytes = FuzzCorpus.Read(input);
        var own = Path.GetFileName(input).StartsWith("event-", StringComparison.Ordinal)
            ? IngestReader.Read(DistrictSubjects.Events("pkm-kokop"), bytes, 1, 64 * 1024)
            : IngestReader.Read(DistrictSubjects.Status("pkm-kokop", "kiosk-1"), bytes, 1, 64 * 1024);
        Assert.IsNotType<IngestRejected>(own);
        Assert.IsType<IngestRejected>(IngestReader.Read(DistrictSubjects.Events("pkm-lain"), bytes, 1, 64 * 1024));
    }
}
