namespace Kiosk.Contract.State;

/// <summary>The ticket a counter serves; <see cref="Since"/> is its last call (recall included).</summary>
public sealed record NowServing
{
    public required Guid TicketId { get; init; }

    public required string Number { get; init; }

    public required string ServiceCode { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required int CallCount { get; init; }

    // Contract 1.1: what the officer needs about the patient in front of them without a card number (that stays in the
    // counter's reply). Absent from older kiosks.

    public PatientCategory? Category { get; init; }

    public Payer? Payer { get; init; }

    public PriorityKind? Priority { get; init; }

    public int? FamilySize { get; init; }
}
