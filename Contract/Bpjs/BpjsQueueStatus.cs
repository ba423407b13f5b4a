namespace Kiosk.Contract.Bpjs;

/// <summary>The queue of one service on one day, the answer to <c>queue-status</c> (BPJS's "status antrean").</summary>
public sealed record BpjsQueueStatus
{
    public required string ServiceCode { get; init; }

    public required DateOnly VisitDate { get; init; }

    /// <summary>Numbers taken that day, walk-ins and bookings (BPJS's totalantrean).</summary>
    public required int Total { get; init; }

    /// <summary>Numbers not yet called (BPJS's sisaantrean).</summary>
    public required int Remaining { get; init; }

    /// <summary>The number called now (BPJS's antreanpanggil); null before the first call.</summary>
    public required string? NowCalling { get; init; }
}
