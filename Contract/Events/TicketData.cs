namespace Kiosk.Contract.Events;

/// <summary>
/// The public view of a ticket after a change, the <c>data</c> of every <c>ticket.*</c> event. It carries the whole public
/// state so a consumer can follow the queue from events alone; card data never appears (displays read events).
/// </summary>
public record TicketData
{
    public required Guid TicketId { get; init; }

    /// <summary>The printed number, e.g. <c>A-012</c>.</summary>
    public required string Number { get; init; }

    public required string ServiceCode { get; init; }

    public required DateOnly BusinessDay { get; init; }

    public required TicketState State { get; init; }

    public required PrintState PrintState { get; init; }

    public required PatientCategory Category { get; init; }

    public required Payer Payer { get; init; }

    public required PriorityKind Priority { get; init; }

    /// <summary>Made by a counter as an emergency or out-of-hours registration; counted in the recap.</summary>
    public required bool IsEmergency { get; init; }

    public required int FamilySize { get; init; }

    /// <summary>The counter that called (or made) it last; null while nobody has.</summary>
    public required string? CounterId { get; init; }

    /// <summary>Calls since it last entered the queue (a recall adds one).</summary>
    public required int CallCount { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The last call (recall included); null while never called.</summary>
    public required DateTimeOffset? CalledAt { get; init; }

    /// <summary>When it reached a terminal state; null while open.</summary>
    public required DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The ticket this one was transferred from (a poli ticket made by a transfer).</summary>
    public required Guid? TransferredFrom { get; init; }

    /// <summary>The number of <see cref="TransferredFrom"/>, for screens that never saw that ticket.</summary>
    public required string? TransferredFromNumber { get; init; }

    /// <summary>The poli ticket a transfer made from this one.</summary>
    public required Guid? TransferredTo { get; init; }

    /// <summary>True when a card was scanned for it: the number itself is only in the counter's reply.</summary>
    public required bool HasCardData { get; init; }

    /// <summary>
    /// While waiting: its 0-based place among the waiting tickets of its service (printed or not) in queue order, so a
    /// consumer inserts a returned ticket where the kiosk put it; null when not waiting.
    /// </summary>
    public required int? QueuePosition { get; init; }

    /// <summary>
    /// The token in the ticket's QR code that opens its patient page (<see cref="Events.PatientToken"/>); null for a
    /// ticket from before the token existed. Optional on the wire (contract 1.x): older readers skip it. Screens map it
    /// to the ticket and never pass it to a page.
    /// </summary>
    public string? PatientToken { get; init; }

    /// <summary>
    /// A Mobile JKN booking checked in at the kiosk (its number was taken by BPJS, <c>ticket.booked</c>): BPJS made it, so
    /// the bridge reports no "tambah antrean" for it. Optional on the wire (contract 1.x): false when absent.
    /// </summary>
    public bool MobileJkn { get; init; }

    /// <summary>
    /// Cancelled by BPJS itself (Mobile JKN "batal antrean", with <c>ticket.cancelled</c>): the bridge reports nothing
    /// back for it. Optional on the wire (contract 1.x): false when absent.
    /// </summary>
    public bool CancelledByBpjs { get; init; }
}
