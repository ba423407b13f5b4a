using Kiosk.Bpjs.Reporting;

namespace Kiosk.Bpjs.Outbox;

/// <summary>One stored report. <see cref="Body"/> has no card number (see <see cref="PlannedReport"/>).</summary>
public sealed record OutboxReport(
    long Id,
    Guid EventId,
    Guid TicketId,
    string TicketNumber,
    ReportKind Kind,
    string Body,
    ReportState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
