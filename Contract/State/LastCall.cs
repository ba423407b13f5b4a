namespace Kiosk.Contract.State;

/// <summary>A call as the waiting-room board shows it: number, counter, when.</summary>
public sealed record LastCall
{
    public required Guid TicketId { get; init; }

    public required string Number { get; init; }

    public required string ServiceCode { get; init; }

    public required string CounterId { get; init; }

    public required DateTimeOffset CalledAt { get; init; }

    public required int CallCount { get; init; }
}
