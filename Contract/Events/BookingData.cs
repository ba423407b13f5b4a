namespace Kiosk.Contract.Events;

/// <summary>
/// The <c>data</c> of <c>ticket.booked</c>: a Mobile JKN booking holds a number of its service on its day. No card
/// number, no booking code (the code opens the patient's check-in; only the bridge's private reply carries it).
/// </summary>
public sealed record BookingData
{
    public required Guid TicketId { get; init; }

    /// <summary>The number it will print with, e.g. <c>A-012</c>.</summary>
    public required string Number { get; init; }

    public required string ServiceCode { get; init; }

    /// <summary>The visit day (the business day the number belongs to).</summary>
    public required DateOnly BusinessDay { get; init; }

    public required Payer Payer { get; init; }

    public required DateTimeOffset BookedAt { get; init; }
}
