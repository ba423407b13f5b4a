using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>The parts of a queue event the screens act on (as WireAdapter read them).</summary>
public sealed record WireEvent(string EventId, long Sequence, string Type, DateTimeOffset OccurredAt, ViewTicket? Ticket, string? CounterId, bool IsTransferIn);
