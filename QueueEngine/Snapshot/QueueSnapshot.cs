namespace Kiosk.Queue.Snapshot;

/// <summary>What a display or counter needs to rebuild its screen; published retained.</summary>
public sealed record QueueSnapshot(
    string SiteId,
    DateOnly? BusinessDay,
    bool DayClosed,
    long Sequence,
    IReadOnlyList<ServiceSnapshot> Services,
    IReadOnlyList<CounterSnapshot> Counters);

/// <summary>Waiting counts only callable (printed) tickets; LastNumber is the last number issued today.</summary>
public sealed record ServiceSnapshot(string Code, string Name, bool IsPoli, int Waiting, string? LastNumber);

public sealed record CounterSnapshot(string Id, string Name, bool Paused, string? NowServing, string? NowServingService);
