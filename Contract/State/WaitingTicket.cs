namespace Kiosk.Contract.State;

/// <summary>A waiting ticket as a loket screen lists it. Never card data.</summary>
public sealed record WaitingTicket
{
    public required Guid TicketId { get; init; }

    public required string Number { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Only printed and not-required tickets can be called; pending or failed ones wait for the printer.</summary>
    public required PrintState PrintState { get; init; }

    public required PriorityKind Priority { get; init; }

    public required PatientCategory Category { get; init; }

    public required Payer Payer { get; init; }

    public required int FamilySize { get; init; }

    public required Guid? TransferredFrom { get; init; }

    public required string? TransferredFromNumber { get; init; }

    /// <summary>The ticket's patient-page token (as in <see cref="Events.TicketData.PatientToken"/>), so a screens host that
    /// starts from the retained state still finds a waiting patient's page; null for a ticket from before the token.</summary>
    public string? PatientToken { get; init; }
}
