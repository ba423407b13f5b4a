using System.Text;
using Kiosk.Contract.District;
using Kiosk.District.Ingest;
using Kiosk.DistrictLink.Forwarding;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// What the district tier reads from a site: the district link's decision on a payload from the site's Mosquitto
/// (which subject, which message id), and the district service's reading of a stream message (an event, a status or a
/// rejection with its reason), on every subject a site's user can reach, plus the subject parser on the input as text.
/// Each must answer and never throw.
/// </summary>
internal static class DistrictTarget
{
    private const string Site = "pkm-kokop";
    private static readonly LinkRoutes Routes = new(Site);
    private static readonly string[] Topics = [$"queue/{Site}/events", $"queue/{Site}/kiosk/kiosk-1/status", $"queue/{Site}/state", $"queue/{Site}/display/1"];
    private static readonly string[] Subjects =
    [
        DistrictSubjects.Events(Site), DistrictSubjects.Status(Site, "kiosk-1"), DistrictSubjects.Events("pkm-lain"),
        DistrictSubjects.Link(Site), "puskesmas.pkm kokop.events", string.Empty,
    ];

    public static void Run(byte[] input)
    {
        foreach (var topic in Topics)
        {
            _ = Routes.Decide(topic, input) ?? throw new FuzzInvariantException($"no decision for {topic}");
        }

        foreach (var subject in Subjects)
        {
            _ = IngestReader.Read(subject, input, 1, 64 * 1024) ?? throw new FuzzInvariantException($"no answer for {subject}");
        }

        _ = DistrictSubjects.TryParse(Encoding.UTF8.GetString(input), out _);
    }
}
