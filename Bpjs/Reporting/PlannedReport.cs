namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// One report an event asks for, before it is stored. <paramref name="Body"/> is the request without the patient's
/// card: <c>nomorkartu</c> and <c>nik</c> are filled at send time from <see cref="ICardNumberSource"/>, so no card number
/// is ever written to the outbox file.
/// </summary>
public sealed record PlannedReport(Guid EventId, Guid TicketId, string TicketNumber, ReportKind Kind, string Body, DateTimeOffset OccurredAt)
{
    /// <summary>A Mobile JKN booking's ticket: BPJS made it, so its panggil or batal needs no tambah before it.</summary>
    public bool MadeByBpjs { get; init; }
}
