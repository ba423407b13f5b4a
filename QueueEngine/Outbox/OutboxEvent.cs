namespace Kiosk.Queue.Outbox;

/// <summary>A committed state change waiting to be published. Payload is JSON without personal card data.</summary>
public sealed record OutboxEvent(Guid EventId, long Sequence, string Type, DateTimeOffset OccurredAt, string Payload);
