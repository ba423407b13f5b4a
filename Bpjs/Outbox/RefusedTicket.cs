using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Text;

namespace Kiosk.Bpjs.Outbox;

/// <summary>A ticket whose reports stopped because one was refused for good, with the reason the officer reads.</summary>
public sealed record RefusedTicket(Guid TicketId, string TicketNumber, ReportKind FirstRefused, string Reason, DateTimeOffset OccurredAt)
{
    /// <summary>"A-012: Laporan BPJS ditolak: …" for the loket page.</summary>
    public string Text => BpjsTeks.Refused(TicketNumber, Reason);
}
