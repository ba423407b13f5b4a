using Kiosk.Queue.Model;

namespace Kiosk.Queue.Outbox;

/// <summary>
/// The public view of a ticket after a transition. Carries the whole public state so a consumer can rebuild
/// the queue from events alone; card data is deliberately absent (displays read these).
/// </summary>
public sealed record TicketEventPayload(
    Guid TicketId,
    string Number,
    string ServiceCode,
    DateOnly BusinessDay,
    TicketState State,
    PrintState PrintState,
    PatientCategory Category,
    Payer Payer,
    PriorityClass Priority,
    bool IsEmergency,
    int FamilySize,
    string? CounterId,
    int CallCount,
    DateTimeOffset IssuedAt,
    Guid? TransferredFrom,
    Guid? TransferredTo,
    bool HasCardData)
{
    internal static TicketEventPayload From(Ticket t) => new(t.Id, t.Number, t.ServiceCode, t.BusinessDay, t.State, t.PrintState,
        t.Category, t.Payer, t.Priority, t.IsEmergency, t.FamilySize, t.CalledBy, t.CallCount, t.IssuedAt, t.TransferredFrom,
        t.TransferredTo, t.CardData is not null);
}

/// <summary>NowServing is the counter's called ticket number (null when free).</summary>
public sealed record CounterEventPayload(string CounterId, bool Paused, string? NowServing);

public sealed record DayEventPayload(DateOnly BusinessDay, int ExpiredTickets);
