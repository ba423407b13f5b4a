namespace Kiosk.Contract.Status;

/// <summary>
/// Retained on <c>queue/{site}/kiosk/{kioskId}/status</c>. The broker publishes the offline form as the kiosk's last
/// will when its connection dies; <see cref="At"/> of a will is when the kiosk connected (the broker cannot stamp it).
/// </summary>
public sealed record KioskStatus
{
    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required string KioskId { get; init; }

    public required bool Online { get; init; }

    public required PrinterCondition Printer { get; init; }

    /// <summary>Bahasa Indonesia, for an officer or technician.</summary>
    public required string Message { get; init; }

    /// <summary>Tickets committed but not printed yet (they are reprinted when the printer recovers).</summary>
    public required int UnprintedTickets { get; init; }

    /// <summary>When this status was composed, with the site's offset.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>While online, the kiosk republishes its status at least this often; null when it sends no heartbeat.</summary>
    public required int? HeartbeatSeconds { get; init; }

    /// <summary>The last will, registered at connect time.</summary>
    public static KioskStatus Offline(string kioskId, DateTimeOffset at, string message) => new()
    {
        KioskId = kioskId,
        Online = false,
        Printer = PrinterCondition.Unknown,
        Message = message,
        UnprintedTickets = 0,
        At = at,
        HeartbeatSeconds = null,
    };
}
