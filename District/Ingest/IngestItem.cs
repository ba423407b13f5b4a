using Kiosk.Contract.Events;
using Kiosk.Contract.Status;

namespace Kiosk.District.Ingest;

/// <summary>One stream message as the ingest read it: an event, a kiosk status, or something stored aside.</summary>
internal abstract record IngestItem(string Subject, ulong StreamSequence);

/// <summary>An event of the contract. <see cref="DataJson"/> is the data as sent (null when the kiosk's copy was damaged).</summary>
internal sealed record IngestEvent(string Subject, ulong StreamSequence, EventEnvelope Envelope, string? DataJson, DateOnly? BusinessDay,
    TicketData? Ticket, DayRecapData? Recap) : IngestItem(Subject, StreamSequence);

internal sealed record IngestStatus(string Subject, ulong StreamSequence, string Site, KioskStatus Status) : IngestItem(Subject, StreamSequence);

/// <summary>Not readable as the contract: kept in <c>rejected</c> with <see cref="Reason"/> and the bytes.</summary>
internal sealed record IngestRejected(string Subject, ulong StreamSequence, string? Site, string Reason, byte[] Payload) : IngestItem(Subject, StreamSequence);
