using Kiosk.Queue.Model;
using Kiosk.Queue.Storage;

namespace Kiosk.Queue.Engine;

/// <summary>
/// Everything one operation changes, committed in one transaction and only then applied to memory,
/// so a failed commit leaves the in-memory view equal to the file.
/// </summary>
internal sealed class ChangeSet
{
    public Dictionary<Guid, Ticket> Tickets { get; } = [];
    public Dictionary<string, CounterRow> Counters { get; } = new(StringComparer.Ordinal);
    /// <summary>Event type and data: a contract data record, or a <see cref="Ticket"/> that is described at commit time (its queue position needs the final state).</summary>
    public List<(string Type, object Payload)> Events { get; } = [];
    public DayRow? Day { get; set; }
    /// <summary>Mobile JKN bookings of a later business day, new or changed (kept apart from the day's tickets).</summary>
    public Dictionary<Guid, Ticket> AdvanceBookings { get; } = [];
    /// <summary>The day's opening: its bookings became tickets, and those of days never opened are dropped.</summary>
    public DateOnly? AdvanceBookingsDoneThrough { get; set; }
    /// <summary>The day close: mask every stored card number of this day and before, in the close's own transaction.</summary>
    public DateOnly? MaskCardDataThrough { get; set; }

    public bool IsEmpty => Tickets.Count == 0 && Counters.Count == 0 && Events.Count == 0 && Day is null && MaskCardDataThrough is null
        && AdvanceBookings.Count == 0 && AdvanceBookingsDoneThrough is null;

    public void Put(Ticket ticket, string eventType)
    {
        Tickets[ticket.Id] = ticket;
        Events.Add((eventType, ticket));
    }
}
