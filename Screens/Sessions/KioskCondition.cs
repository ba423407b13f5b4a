using Kiosk.Contract;

namespace Kiosk.Screens.Sessions;

/// <summary>One kiosk's retained status as WireAdapter read it: whether it is up and whether it can print.</summary>
public sealed record KioskCondition(
    string KioskId,
    bool Online,
    PrinterCondition Printer,
    int UnprintedTickets,
    DateTimeOffset At,
    int? HeartbeatSeconds)
{
    /// <summary>
    /// The contract's two-heartbeat rule (docs/asyncapi.yaml, kiosk status): an online status older than two
    /// heartbeats is unknown. A kiosk that lost power keeps its last retained "online" until the broker's keep-alive
    /// gives up on it; this rule tells the lokets sooner.
    /// </summary>
    public bool IsStale(DateTimeOffset now) => Online && HeartbeatSeconds is > 0 and { } beat && now - At > TimeSpan.FromSeconds(2 * beat);

    /// <summary>Up, fresh, and with a printer that takes tickets (paper low still prints).</summary>
    public bool CanServePatients(DateTimeOffset now) =>
        Online && !IsStale(now) && Printer is PrinterCondition.Ok or PrinterCondition.PaperLow or PrinterCondition.Unknown;
}
