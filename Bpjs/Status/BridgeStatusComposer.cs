using Kiosk.Bpjs.Outbox;
using Kiosk.Contract.Bpjs;

namespace Kiosk.Bpjs.Status;

/// <summary>
/// Turns what the outbox knows into the status the lokets and the technician read: the backlog with its line, and the
/// tickets of today whose reports BPJS refused for good.
/// </summary>
public static class BridgeStatusComposer
{
    /// <summary>
    /// A reason longer than this is cut: BPJS's messages are a sentence, and a full list of long reasons must stay far
    /// under the broker's message size limit (a larger status would be dropped by the broker, unseen).
    /// </summary>
    public const int MaxReasonLength = 200;

    public static BpjsBridgeStatus Compose(ReportBacklog backlog, IReadOnlyList<RefusedTicket> refused, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(backlog);
        ArgumentNullException.ThrowIfNull(refused);

        // "Today" is the refused ticket's own day at the site: its event time carries the site's offset.
        var today = refused.Where(r => DateOnly.FromDateTime(r.OccurredAt.DateTime) == DateOnly.FromDateTime(now.ToOffset(r.OccurredAt.Offset).DateTime)).ToList();
        var listed = today.Skip(Math.Max(0, today.Count - BpjsBridgeStatus.MaxListed))
            .Select(r => new BpjsRefusedTicket(r.TicketId, Shorten(r.TicketNumber, BpjsBridgeStatusReader.MaxNumberLength), Shorten(Reason(r), MaxReasonLength)))
            .ToList();
        var waiting = backlog.Count > 0 && backlog.OldestSince is not null;
        return new BpjsBridgeStatus
        {
            At = now,
            Backlog = waiting ? backlog.Count : 0,
            OldestWaitingSince = waiting ? backlog.OldestSince : null,
            BacklogText = waiting ? backlog.Text : null,
            Refused = listed,
            RefusedToday = today.Count,
        };
    }

    /// <summary>Whether two statuses say the same to a person (the time they were composed aside).</summary>
    public static bool SameContent(BpjsBridgeStatus? a, BpjsBridgeStatus b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return a is not null && a.Backlog == b.Backlog && a.OldestWaitingSince == b.OldestWaitingSince
            && a.BacklogText == b.BacklogText && a.RefusedToday == b.RefusedToday && a.Refused.SequenceEqual(b.Refused);
    }

    /// <summary>A refusal stored without words still tells the officer to act.</summary>
    private static string Reason(RefusedTicket ticket) =>
        string.IsNullOrWhiteSpace(ticket.Reason) ? Text.BpjsTeks.RefusedWithoutReason : ticket.Reason;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
