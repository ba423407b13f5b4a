using System.Globalization;

namespace Kiosk.Simulator.Scenarios;

/// <summary>What crossing the closing time did: the kiosk's day closed, its recap written to file and sent as an event.</summary>
public sealed record DayCloseOutcome(
    DateTimeOffset ClosedAt,
    bool DayClosed,
    int WaitingAtClose,
    string? RecapFile,
    int RecapEventsCommitted,
    int RecapEventsReceived)
{
    /// <summary>Each way the close went wrong, as one sentence for the report.</summary>
    public IEnumerable<string> Broken()
    {
        if (!DayClosed)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"hari tidak ditutup pada jam tutup {ClosedAt:HH:mm}");
        }

        if (RecapFile is null)
        {
            yield return "rekap harian tidak ditulis ke berkas saat tutup hari";
        }

        if (RecapEventsCommitted == 0)
        {
            yield return "peristiwa day.recap tidak tercatat saat tutup hari";
        }
        else if (RecapEventsReceived < RecapEventsCommitted)
        {
            yield return "peristiwa day.recap tidak sampai ke layar";
        }
    }
}
