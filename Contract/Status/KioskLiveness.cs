namespace Kiosk.Contract.Status;

/// <summary>
/// The contract's two-heartbeat rule (docs/asyncapi.yaml, kiosk status): an online status older than two heartbeats is
/// stale, i.e. unknown. A kiosk that lost power keeps its last retained "online" until the broker's keep-alive gives up
/// on it; this rule tells the lokets and the district sooner. Everyone who judges a kiosk status uses this one rule.
/// </summary>
public static class KioskLiveness
{
    public static bool IsStale(bool online, int? heartbeatSeconds, DateTimeOffset at, DateTimeOffset now) =>
        online && heartbeatSeconds is > 0 and { } beat && now - at > TimeSpan.FromSeconds(2 * beat);

    public static bool IsStale(this KioskStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        return IsStale(status.Online, status.HeartbeatSeconds, status.At, now);
    }

    /// <summary>Up, fresh, and with a printer that takes tickets (paper low still prints).</summary>
    public static bool CanServePatients(bool online, PrinterCondition printer, int? heartbeatSeconds, DateTimeOffset at, DateTimeOffset now) =>
        online && !IsStale(online, heartbeatSeconds, at, now) && printer is PrinterCondition.Ok or PrinterCondition.PaperLow or PrinterCondition.Unknown;

    public static bool CanServePatients(this KioskStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        return CanServePatients(status.Online, status.Printer, status.HeartbeatSeconds, status.At, now);
    }
}
