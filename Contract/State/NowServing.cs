namespace Kiosk.Contract.State;

/// <summary>The ticket a counter serves; <see cref="Since"/> is its last call (recall included).</summary>
public sealed record NowServing
{
    public required Guid TicketId { get; init; }

    public required string Number { get; init; }

    public required string ServiceCode { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required int CallCount { get; init; }
}
