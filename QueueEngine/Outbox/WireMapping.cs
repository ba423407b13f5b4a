using System.Text.Json;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Statistics;
using Wire = Kiosk.Contract;

namespace Kiosk.Queue.Outbox;

/// <summary>
/// The engine's model in the contract's words (docs/asyncapi.yaml). Internals (queue keys, sequence numbers, ticket
/// sources, notes) stay behind; durations become seconds; enums keep their member names, so they map by name.
/// </summary>
public static class WireMapping
{
    public static Wire.TicketState ToWire(this TicketState value) => EnumMap<TicketState, Wire.TicketState>.Map(value);

    public static Wire.PrintState ToWire(this PrintState value) => EnumMap<PrintState, Wire.PrintState>.Map(value);

    public static Wire.PatientCategory ToWire(this PatientCategory value) => EnumMap<PatientCategory, Wire.PatientCategory>.Map(value);

    public static Wire.Payer ToWire(this Payer value) => EnumMap<Payer, Wire.Payer>.Map(value);

    public static Wire.PriorityKind ToWire(this PriorityClass value) => EnumMap<PriorityClass, Wire.PriorityKind>.Map(value);

    public static Wire.CardKind ToWire(this CardKind value) => EnumMap<CardKind, Wire.CardKind>.Map(value);

    public static ErrorCode ToWire(this QueueErrorCode value) => EnumMap<QueueErrorCode, ErrorCode>.Map(value);

    public static PatientCategory FromWire(this Wire.PatientCategory value) => EnumMap<Wire.PatientCategory, PatientCategory>.Map(value);

    public static Payer FromWire(this Wire.Payer value) => EnumMap<Wire.Payer, Payer>.Map(value);

    public static PriorityClass FromWire(this Wire.PriorityKind value) => EnumMap<Wire.PriorityKind, PriorityClass>.Map(value);

    public static CommandType ToWire(this CounterCommandKind kind) => kind switch
    {
        CounterCommandKind.CallNext => CommandType.CallNext,
        CounterCommandKind.CallSpecific => CommandType.Call,
        CounterCommandKind.Recall => CommandType.Recall,
        CounterCommandKind.Skip => CommandType.Skip,
        CounterCommandKind.NoShow => CommandType.NoShow,
        CounterCommandKind.ReturnSkipped => CommandType.Return,
        CounterCommandKind.ServeDone => CommandType.Serve,
        CounterCommandKind.Transfer => CommandType.Transfer,
        CounterCommandKind.Cancel => CommandType.Cancel,
        CounterCommandKind.IssueEmergency => CommandType.Emergency,
        CounterCommandKind.Pause => CommandType.Pause,
        CounterCommandKind.Resume => CommandType.Resume,
        CounterCommandKind.IssueManual => CommandType.Issue,
        CounterCommandKind.Serving => CommandType.Serving,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static CounterCommandKind FromWire(this CommandType type) => type switch
    {
        CommandType.CallNext => CounterCommandKind.CallNext,
        CommandType.Call => CounterCommandKind.CallSpecific,
        CommandType.Recall => CounterCommandKind.Recall,
        CommandType.Skip => CounterCommandKind.Skip,
        CommandType.NoShow => CounterCommandKind.NoShow,
        CommandType.Return => CounterCommandKind.ReturnSkipped,
        CommandType.Serve => CounterCommandKind.ServeDone,
        CommandType.Transfer => CounterCommandKind.Transfer,
        CommandType.Cancel => CounterCommandKind.Cancel,
        CommandType.Emergency => CounterCommandKind.IssueEmergency,
        CommandType.Pause => CounterCommandKind.Pause,
        CommandType.Resume => CounterCommandKind.Resume,
        CommandType.Issue => CounterCommandKind.IssueManual,
        CommandType.Serving => CounterCommandKind.Serving,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

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
            State = ticket.State.ToWire(),
            PrintState = ticket.PrintState.ToWire(),
            Category = ticket.Category.ToWire(),
            Payer = ticket.Payer.ToWire(),
            Priority = ticket.Priority.ToWire(),
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
            QueuePosition = ticket.State == TicketState.Waiting ? queuePosition : null,
            PatientToken = ticket.PatientToken,
        };
    }

    public static ReplyTicket ToReplyTicket(Ticket ticket, int? queuePosition, string? transferredFromNumber) =>
        new(ToTicketData(ticket, queuePosition, transferredFromNumber), ticket.CardData is { } card ? new Kiosk.Contract.Commands.CardData(card.Kind.ToWire(), card.Number) : null);

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

    /// <summary>Maps enum members by name, checked once per pair: a member missing on the other side fails at first use, loudly.</summary>
    private static class EnumMap<TFrom, TTo>
        where TFrom : struct, Enum
        where TTo : struct, Enum
    {
        private static readonly Dictionary<TFrom, TTo> Values = Enum.GetValues<TFrom>().ToDictionary(v => v, v => Enum.Parse<TTo>(v.ToString()));

        public static TTo Map(TFrom value) => Values[value];
    }
}
