namespace Kiosk.Contract.State;

/// <summary>One counter (loket): whether it is paused and what it serves since when.</summary>
public sealed record CounterState
{
    public required string CounterId { get; init; }

    public required string Name { get; init; }

    public required bool Paused { get; init; }

    /// <summary>The service and poli codes this counter calls from.</summary>
    public required IReadOnlyList<string> Services { get; init; }

    /// <summary>The ticket called to this counter and not finished yet; null when free.</summary>
    public required NowServing? NowServing { get; init; }

    /// <summary>Tickets of the running business day this counter called last (contract 1.1; absent from older kiosks).</summary>
    public int? CalledToday { get; init; }
}
