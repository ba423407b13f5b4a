using Kiosk.Contract;
using Kiosk.Contract.Status;

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
    /// <summary>The contract's two-heartbeat rule (<see cref="KioskLiveness"/>): an online status older than two heartbeats is unknown.</summary>
    public bool IsStale(DateTimeOffset now) => KioskLiveness.IsStale(Online, HeartbeatSeconds, At, now);

    /// <summary>Up, fresh, and with a printer that takes tickets (paper low still prints).</summary>
    public bool CanServePatients(DateTimeOffset now) => KioskLiveness.CanServePatients(Online, Printer, HeartbeatSeconds, At, now);
}
