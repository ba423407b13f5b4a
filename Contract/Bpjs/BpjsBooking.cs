namespace Kiosk.Contract.Bpjs;

/// <summary>
/// A Mobile JKN booking as the kiosk holds it: the answer to <c>book</c>, <c>booking-status</c> and <c>cancel-booking</c>.
/// The number is a real number of the service's sequence of <see cref="VisitDate"/>; the ticket prints when the patient
/// checks in at the kiosk by scanning <see cref="BookingCode"/> (or the JKN card).
/// </summary>
public sealed record BpjsBooking
{
    /// <summary>The booking's ticket (its events carry this id).</summary>
    public required Guid TicketId { get; init; }

    /// <summary>Printed number, e.g. <c>A-012</c> (BPJS's nomorantrean).</summary>
    public required string Number { get; init; }

    /// <summary>The number part, e.g. 12 (BPJS's angkaantrean).</summary>
    public required int SequenceNumber { get; init; }

    public required string ServiceCode { get; init; }

    public required DateOnly VisitDate { get; init; }

    /// <summary>What the patient scans at the kiosk to check in (matches the kiosk's Mobile JKN booking pattern).</summary>
    public required string BookingCode { get; init; }

    /// <summary>The ticket's state now (<c>waiting</c> until called; <c>cancelled</c> after a cancel).</summary>
    public required TicketState State { get; init; }

    /// <summary>True once the patient scanned the code at the kiosk and the ticket printed.</summary>
    public required bool CheckedIn { get; init; }

    /// <summary>Tickets of the service still to be called before this one (BPJS's sisaantrean).</summary>
    public required int WaitingAhead { get; init; }

    /// <summary>The number the service calls now (BPJS's antreanpanggil); null before the first call of the day.</summary>
    public required string? NowCalling { get; init; }
}
