namespace Kiosk.Contract.State;

/// <summary>One service or poli queue.</summary>
public sealed record ServiceState
{
    public required string ServiceCode { get; init; }

    public required string Name { get; init; }

    public required bool IsPoli { get; init; }

    /// <summary>Tickets that can be called now (waiting and printed, or made by a counter).</summary>
    public required int WaitingCount { get; init; }

    /// <summary>The last number issued today; null when none was.</summary>
    public required string? LastNumber { get; init; }

    /// <summary>
    /// Every waiting ticket in queue order (printed or not: see <see cref="WaitingTicket.PrintState"/>). <c>call-next</c>
    /// takes the first priority ticket before the first normal one, except that after a configured number of priority calls
    /// in a row the first normal ticket gets a turn.
    /// </summary>
    public required IReadOnlyList<WaitingTicket> Waiting { get; init; }
}
