using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Engine;
using Kiosk.Queue.Model;
using Kiosk.Contract.Events;
using Kiosk.Queue.Results;
using CardData = Kiosk.Queue.Model.CardData;
using Kiosk.Queue.Text;

namespace Kiosk.Queue;

public sealed partial class QueueEngine
{
    private const int MaxFamilySize = 20;
    private const int MaxCardNumberLength = 32;

    /// <summary>
    /// Gives the patient the next number of the service. The ticket is committed in print state Pending: call
    /// <see cref="MarkPrinted"/> once the printer has it, or it is never called.
    /// </summary>
    public IssueResult IssueTicket(IssueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ValidateRequest(request.ServiceCode, request.Category, request.Payer, request.Priority, request.FamilySize, request.CardData) is { } invalid)
        {
            return IssueResult.Fail(invalid);
        }

        if (!Enum.IsDefined(request.Source))
        {
            return IssueResult.Fail(QueueError.Invalid(Teks.Petugas.UnknownSource(request.Source.ToString())));
        }

        if (!_config.Queues.TryGetValue(request.ServiceCode, out var queue) || queue.IsPoli)
        {
            return IssueResult.Fail(QueueError.UnknownService(request.ServiceCode));
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            var change = new ChangeSet();
            var created = NewTicket(queue, now, change, request.Category, request.Payer, request.Priority, request.FamilySize,
                request.CardData, request.Source, PrintState.Pending, emergency: false, transferredFrom: null);
            if (created.Error is { } error)
            {
                return IssueResult.Fail(error);
            }

            var ticket = created.Ticket!;
            change.Put(ticket, EventTypes.TicketIssued);
            Commit(change, now);
            var estimate = Estimate(queue, ticket);
            return new IssueResult
            {
                Ticket = ticket,
                PeopleAhead = estimate.PeopleWaiting,
                EstimatedWait = estimate.EstimatedWait,
                ServiceName = queue.Name,
                WhatToBring = queue.Service?.WhatToBring(request.Category, request.Payer) ?? [],
            };
        }
    }

    /// <summary>People waiting and the expected wait for a ticket issued now in this service.</summary>
    public WaitEstimate? EstimateWait(string serviceCode)
    {
        lock (_gate)
        {
            return _config.Queues.TryGetValue(serviceCode, out var queue) ? Estimate(queue, null) : null;
        }
    }

    private static QueueError? ValidateRequest(string? serviceCode, PatientCategory category, Payer payer, PriorityKind priority,
        int familySize, CardData? card)
    {
        if (string.IsNullOrWhiteSpace(serviceCode))
        {
            return QueueError.Invalid(Teks.Petugas.NoServiceCode);
        }

        if (!Enum.IsDefined(category) || !Enum.IsDefined(payer) || !Enum.IsDefined(priority))
        {
            return QueueError.Invalid(Teks.Petugas.UnknownChoice);
        }

        if (familySize is < 1 or > MaxFamilySize)
        {
            return QueueError.Invalid(Teks.Petugas.FamilySize(MaxFamilySize));
        }

        if (card is not null && (!Enum.IsDefined(card.Kind) || string.IsNullOrWhiteSpace(card.Number)
            || card.Number.Length > MaxCardNumberLength || !card.Number.All(char.IsAsciiLetterOrDigit)))
        {
            return QueueError.Invalid(Teks.Pasien.CardUnreadable);
        }

        return null;
    }

    /// <summary>Numbers a new ticket in a queue: next in its band, refused at the band end or the daily cap ("kuota habis").</summary>
    private (Ticket? Ticket, QueueError? Error) NewTicket(QueueDefinition queue, DateTimeOffset now, ChangeSet change,
        PatientCategory category, Payer payer, PriorityKind priority, int familySize, CardData? card, TicketSource source,
        PrintState printState, bool emergency, Guid? transferredFrom)
    {
        if (_day.ClosedAtMs is not null)
        {
            return (null, QueueError.DayClosed(_day.Day));
        }

        if (NextNumber(queue, _lastNumber.TryGetValue(queue.Code, out var last) ? last : null, emergency, out var next) is { } quota)
        {
            return (null, quota);
        }

        // The queue key is the sequence of this ticket's own issued event: monotonic across restarts and clock jumps.
        var key = _sequence + change.Events.Count + 1;
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(now),
            Number = queue.FormatNumber(next),
            SequenceNumber = next,
            ServiceCode = queue.Code,
            BusinessDay = _day.Day,
            Category = category,
            Payer = payer,
            Priority = priority,
            State = TicketState.Waiting,
            PrintState = printState,
            Source = source,
            IsEmergency = emergency,
            FamilySize = familySize,
            CardData = card,
            IssuedAt = now,
            QueueKey = key,
            TransferredFrom = transferredFrom,
            PatientToken = Kiosk.Contract.Events.PatientToken.New(),
        };
        return (ticket, null);
    }

    /// <summary>The number after <paramref name="last"/> (null: the day's first) in its band; "kuota habis" at the band end or the daily cap.</summary>
    private static QueueError? NextNumber(QueueDefinition queue, int? last, bool emergency, out int next)
    {
        next = last is { } n ? n + 1 : queue.NumberStart;
        if (queue.NumberEnd is { } end && next > end)
        {
            return QueueError.Quota(queue.Name);
        }

        // Emergencies are never refused for the cap: the SOPs register them whatever the count.
        return !emergency && queue.DailyCap is { } cap && next - queue.NumberStart >= cap ? QueueError.Quota(queue.Name) : null;
    }

    private WaitEstimate Estimate(QueueDefinition queue, Ticket? forTicket)
    {
        var ahead = _tickets.Values.Count(t => t.ServiceCode == queue.Code && t.IsQueued
            && (forTicket is null || (t.Id != forTicket.Id && t.QueueKey < forTicket.QueueKey)));
        var open = _config.Options.Counters.Count(c => !_counters[c.Id].Paused && c.Services.Contains(queue.Code));
        if (open == 0)
        {
            return new WaitEstimate(queue.Code, ahead, 0, null);
        }

        var recent = _tickets.Values.Where(t => t.ServiceCode == queue.Code && t.ServiceTime is not null)
            .OrderByDescending(t => t.FinishedAt).Take(_config.Options.RecentServiceSample)
            .Select(t => t.ServiceTime!.Value.Ticks).ToList();
        var perPatient = recent.Count > 0 ? TimeSpan.FromTicks((long)recent.Average()) : queue.SopTarget;
        return new WaitEstimate(queue.Code, ahead, open, TimeSpan.FromTicks(perPatient.Ticks * ahead / open));
    }

    /// <summary>The printer has the ticket: from now on it may be called.</summary>
    public TicketResult MarkPrinted(Guid ticketId) => ChangePrintState(ticketId, ticket =>
    {
        if (ticket.PrintState is PrintState.Printed or PrintState.NotRequired)
        {
            return (ticket, null, null);
        }

        if (ticket.State != TicketState.Waiting || ticket.AwaitsCheckIn)
        {
            return (null, null, QueueError.Transition(ticket.Number, ticket.State, Teks.Petugas.ActionMarkPrinted));
        }

        return (ticket with { PrintState = PrintState.Printed, PrintedAt = Now() }, EventTypes.TicketPrinted, null);
    });

    /// <summary>The printer could not print it (paper out, cover open): it waits in <see cref="PendingPrints"/> for a reprint.</summary>
    public TicketResult MarkPrintFailed(Guid ticketId) => ChangePrintState(ticketId, ticket =>
    {
        if (ticket.PrintState is PrintState.Printed or PrintState.NotRequired || ticket.State != TicketState.Waiting)
        {
            return (null, null, new QueueError(ErrorCode.InvalidTransition, Teks.Petugas.NoLongerWaitingToPrint(ticket.Number)));
        }

        return ticket.PrintState == PrintState.Failed ? (ticket, null, null) : (ticket with { PrintState = PrintState.Failed }, EventTypes.TicketPrintFailed, null);
    });

    /// <summary>Gives up on an unprinted ticket (the patient left): the number is used up and never called nor reissued.</summary>
    public TicketResult VoidUnprinted(Guid ticketId, string reason) => ChangePrintState(ticketId, ticket =>
    {
        if (ticket.State == TicketState.Voided)
        {
            return (ticket, null, null);
        }

        if (ticket.PrintState is PrintState.Printed or PrintState.NotRequired || ticket.State != TicketState.Waiting)
        {
            return (null, null, new QueueError(ErrorCode.InvalidTransition, Teks.Petugas.PrintedCannotVoid(ticket.Number)));
        }

        var voided = ticket with { State = TicketState.Voided, FinishedAt = Now(), Note = string.IsNullOrWhiteSpace(reason) ? Teks.Petugas.NotPrintedNote : reason };
        return (voided, EventTypes.TicketVoided, null);
    });

    /// <summary>Tickets of the current day committed but not (yet) printed, oldest first.</summary>
    public IReadOnlyList<Ticket> PendingPrints()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _tickets.Values.Where(t => t.IsQueued && t.PrintState is PrintState.Pending or PrintState.Failed)
                .OrderBy(t => t.QueueKey).ToList();
        }
    }

    private TicketResult ChangePrintState(Guid ticketId, Func<Ticket, (Ticket? Updated, string? EventType, QueueError? Error)> transition)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            if (!_tickets.TryGetValue(ticketId, out var ticket))
            {
                return TicketResult.Fail(QueueError.UnknownTicket(ticketId.ToString()));
            }

            var (updated, eventType, error) = transition(ticket);
            if (error is not null)
            {
                return TicketResult.Fail(error);
            }

            if (eventType is not null)
            {
                var change = new ChangeSet();
                change.Put(updated!, eventType);
                Commit(change, now);
            }

            return TicketResult.Ok(updated!);
        }
    }
}
