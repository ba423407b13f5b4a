namespace Kiosk.Contract.Bpjs;

/// <summary>
/// The BPJS bridge's question on <c>queue/{site}/bpjs/request</c> (written by the <c>bpjs</c> broker user only). The kiosk
/// answers every request, read or not, on <c>queue/{site}/bpjs/reply</c> with the same <see cref="RequestId"/>.
/// </summary>
/// <remarks>
/// <c>card</c> uses <see cref="TicketId"/> only. The Mobile JKN types (<c>book</c>, <c>cancel-booking</c>,
/// <c>booking-status</c>, <c>queue-status</c>) add the optional members below; each type names the ones it needs.
/// </remarks>
public sealed record BpjsRequest
{
    /// <summary>The longest <see cref="RequestId"/> the kiosk reads.</summary>
    public const int MaxRequestIdLength = 100;

    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required BpjsRequestType Type { get; init; }

    /// <summary>Chosen by the bridge, unique per question; the reply carries it back.</summary>
    public required string RequestId { get; init; }

    /// <summary>
    /// The ticket asked about (<c>ticketId</c> of its events); for <c>book</c>, the id the new booking takes. Optional for
    /// <c>cancel-booking</c>, <c>booking-status</c> and <c>queue-status</c> (they find the booking by card, service and
    /// day): <see cref="Guid.Empty"/> when left out.
    /// </summary>
    public required Guid TicketId { get; init; }

    /// <summary>The kiosk's service code (the bridge maps BPJS's kodepoli to it); <c>book</c>, <c>cancel-booking</c>, <c>booking-status</c>, <c>queue-status</c>.</summary>
    public string? ServiceCode { get; init; }

    /// <summary>The day of the visit (BPJS's tanggalperiksa); same types as <see cref="ServiceCode"/>.</summary>
    public DateOnly? VisitDate { get; init; }

    /// <summary>The patient's JKN card number (nomorkartu, 13 digits); <c>book</c>, <c>cancel-booking</c>, <c>booking-status</c>.</summary>
    public string? CardNumber { get; init; }

    /// <summary>The patient's NIK (16 digits), when BPJS sent one; <c>book</c>.</summary>
    public string? Nik { get; init; }

    /// <summary>Why the booking is cancelled (BPJS's alasan); <c>cancel-booking</c>.</summary>
    public string? Reason { get; init; }
}
