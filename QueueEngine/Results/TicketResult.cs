using System.Diagnostics.CodeAnalysis;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

/// <summary>Result of a kiosk-side ticket operation (print state, void).</summary>
public sealed record TicketResult(Ticket? Ticket, QueueError? Error)
{
    [MemberNotNullWhen(true, nameof(Ticket))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null && Ticket is not null;

    internal static TicketResult Ok(Ticket ticket) => new(ticket, null);
    internal static TicketResult Fail(QueueError error) => new(null, error);
}
