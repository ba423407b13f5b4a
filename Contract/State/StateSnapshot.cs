namespace Kiosk.Contract.State;

/// <summary>
/// Retained on <c>queue/{site}/state</c>: everything a loket screen or a display needs to draw itself after a restart,
/// without replaying history. Published after committed changes, possibly coalesced: a receiver relies only on
/// <see cref="Sequence"/>, the last event sequence the snapshot reflects (events at or below it are already in it).
/// </summary>
public sealed record StateSnapshot
{
    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required string Site { get; init; }

    /// <summary>The running business day in the site's zone; null before the first day was opened.</summary>
    public required DateOnly? BusinessDay { get; init; }

    public required bool DayClosed { get; init; }

    public required long Sequence { get; init; }

    /// <summary>Services first, then polis, in configuration order.</summary>
    public required IReadOnlyList<ServiceState> Services { get; init; }

    public required IReadOnlyList<CounterState> Counters { get; init; }

    /// <summary>The latest calls (recalls included), newest first, at most <see cref="MaxLastCalls"/>: the display board.</summary>
    public required IReadOnlyList<LastCall> LastCalls { get; init; }

    public const int MaxLastCalls = 10;
}
