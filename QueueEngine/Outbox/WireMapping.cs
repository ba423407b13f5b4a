using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Statistics;

namespace Kiosk.Queue.Outbox;

/// <summary>
/// The engine's model in the contract's shapes (docs/asyncapi.yaml). Internals (queue keys, sequence numbers, ticket
/// sources, notes) stay behind; durations become seconds; the enums are the contract's own, so they pass as they are.
/// </summary>
public static class WireMapping
{
    /// <param name="ticket">The ticket after the change.</param>
    /// <param name="queuePosition">Its place among the waiting tickets of its service; null unless waiting.</param>
    /// <param name="transferredFromNumber">The number of the ticket it was transferred from.</param>
    public static TicketData ToTicketData(Ticket ticket, int? queuePosition, string? transferredFromNumber)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new TicketData
        {
            TicketId = ticket.Id,
            Number = ticket.Number,
            ServiceCode = ticket.ServiceCode,
            BusinessDay = ticket.BusinessDay,
            State = ticket.State,
            PrintState = ticket.PrintState,
            Category = ticket.Category,
            Payer = ticket.Payer,
            Priority = ticket.Priority,
            IsEmergency = ticket.IsEmergency,
            FamilySize = ticket.FamilySize,
            CounterId = ticket.CalledBy,
            CallCount = ticket.CallCount,
            IssuedAt = ticket.IssuedAt.ToWire(),
            CalledAt = ticket.LastCalledAt?.ToWire(),
            FinishedAt = ticket.FinishedAt?.ToWire(),
            TransferredFrom = ticket.TransferredFrom,
            TransferredFromNumber = transferredFromNumber,
            TransferredTo = ticket.TransferredTo,
            HasCardData = ticket.CardData is not null,
            QueuePosition = ticket.IsQueued ? queuePosition : null,
            PatientToken = ticket.PatientToken,
            MobileJkn = ticket.IsBooking,
            CancelledByBpjs = ticket.CancelledByBpjs,
        };
    }

    public static ReplyTicket ToReplyTicket(Ticket ticket, int? queuePosition, string? transferredFromNumber) =>
        new(ToTicketData(ticket, queuePosition, transferredFromNumber), ticket.CardData is { } card ? new Kiosk.Contract.Commands.CardData(card.Kind, card.Number) : null);

    /// <summary>
    /// Whole milliseconds, as the ticket log stores them: a value must read the same before and after a restart.
    /// </summary>
    public static DateTimeOffset ToWire(this DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Offset);

    public static DayRecapData ToWire(this DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        return new DayRecapData
        {
            Site = recap.SiteId,
            BusinessDay = recap.BusinessDay,
            Issued = recap.Issued,
            Visitors = recap.Visitors,
            Served = recap.Served,
            NoShow = recap.NoShow,
            Transferred = recap.Transferred,
            Cancelled = recap.Cancelled,
            Expired = recap.Expired,
            Voided = recap.Voided,
            Emergency = recap.Emergency,
            ByCategory = Counts(recap.ByCategory),
            ByPayer = Counts(recap.ByPayer),
            ByPriority = Counts(recap.ByPriority),
            Overall = Times(recap.Overall),
            Services = [.. recap.Services.Select(s => new RecapService(s.Code, s.Name, s.IsPoli, s.SopTarget.TotalSeconds, s.Issued, s.Served,
                s.NoShow, s.Transferred, s.Cancelled, s.Expired, s.Emergency, Times(s.Times)))],
            Hours = [.. recap.Hours.Select(h => new RecapHour(h.Hour, h.Issued, h.Called, Seconds(h.AverageWait), Seconds(h.AverageService)))],
            BusiestHour = recap.BusiestHour,
        };
    }

    // Recap keys are enum member names in the engine; on the wire they are the same kebab-case values as everywhere.
    private static List<RecapCount> Counts(IEnumerable<CountRow> rows) =>
        [.. rows.Select(r => new RecapCount(JsonNamingPolicy.KebabCaseLower.ConvertName(r.Key), r.Count))];

    private static RecapTimes Times(TimeStats t) => new(t.WaitSamples, Seconds(t.AverageWait), Seconds(t.P90Wait), t.ServiceSamples,
        Seconds(t.AverageService), Seconds(t.P90Service), t.WithinTargetShare);

    private static double? Seconds(TimeSpan? value) => value is { } v ? Math.Round(v.TotalSeconds, 3) : null;
}
