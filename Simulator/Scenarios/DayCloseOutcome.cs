using Kiosk.Simulator.Text;

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
            yield return SimulatorTeks.Skenario.DayNotClosed(ClosedAt);
        }

        if (RecapFile is null)
        {
            yield return SimulatorTeks.Skenario.RecapNotWritten;
        }

        if (RecapEventsCommitted == 0)
        {
            yield return SimulatorTeks.Skenario.RecapEventNotCommitted;
        }
        else if (RecapEventsReceived < RecapEventsCommitted)
        {
            yield return SimulatorTeks.Skenario.RecapEventNotReceived;
        }
    }
}
