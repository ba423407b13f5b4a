using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Engine;
using Kiosk.Queue.Model;
using Kiosk.Contract.Events;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Kiosk.Queue.Text;

namespace Kiosk.Queue;

public sealed partial class QueueEngine
{
    private const int MaxCommandIdLength = 128;

    /// <summary>
    /// Runs a counter command at most once per CommandId: the answer is committed with the state change and a repeated
    /// id gets the stored answer back unchanged, without touching the queue again.
    /// </summary>
    public CommandResult Execute(CounterCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.CommandId) || command.CommandId.Length > MaxCommandIdLength)
        {
            // Without a usable id the answer cannot be stored; nothing changes either.
            return Fail(command, QueueError.Invalid(Teks.Petugas.CommandIdInvalid(MaxCommandIdLength)));
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            if (_log.LoadCommand(command.CommandId) is { } stored)
            {
                var answer = JsonSerializer.Deserialize(stored, QueueJson.CommandResult)
                    ?? throw new JsonException($"stored answer of command {command.CommandId} is empty");
                if (answer.CounterId != command.CounterId)
                {
                    // Another counter's answer may carry a patient's card data: never hand it to a different counter.
                    return Fail(command, QueueError.Invalid(Teks.Petugas.CommandIdTaken));
                }

                Log.CommandReplayed(_logger, command.CommandId, command.CounterId);
                return answer;
            }

            var now = Now();
            RollIfDue(now);
            var change = new ChangeSet();
            var result = Dispatch(command, now, change);
            if (!result.Succeeded)
            {
                // An error changes nothing; drop anything a half-way path put in the change set.
                change = new ChangeSet();
            }

            Commit(change, now, (command, JsonSerializer.Serialize(result, QueueJson.CommandResult)));
            Log.CommandDone(_logger, command.CounterId, command.Kind, result.Succeeded ? result.Message : result.Error!.ToString());
            return result;
        }
    }

    /// <summary>Whether a command id already ran (its answer is stored); a repeat gets that answer whatever its age.</summary>
    public bool HasRun(string commandId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _log.LoadCommand(commandId) is not null;
        }
    }

    private static CommandResult Fail(CounterCommand command, QueueError error) => new()
    {
        CommandId = command.CommandId ?? "",
        CounterId = command.CounterId ?? "",
        Kind = command.Kind,
        Error = error,
        Message = error.Message,
    };

    private static CommandResult Ok(CounterCommand command, string message, Ticket? ticket, Ticket? newTicket = null) => new()
    {
        CommandId = command.CommandId,
        CounterId = command.CounterId,
        Kind = command.Kind,
        Ticket = ticket,
        NewTicket = newTicket,
        Message = message,
    };

    private CommandResult Dispatch(CounterCommand command, DateTimeOffset now, ChangeSet change)
    {
        if (string.IsNullOrEmpty(command.CounterId) || !_counters.TryGetValue(command.CounterId, out var counter)
            || _config.Options.Counters.FirstOrDefault(c => c.Id == command.CounterId) is not { } counterConfig)
        {
            return Fail(command, QueueError.UnknownCounter(command.CounterId ?? ""));
        }

        return command.Kind switch
        {
            CommandType.Pause => SetPaused(command, counter, counterConfig, true, change),
            CommandType.Resume => SetPaused(command, counter, counterConfig, false, change),
            CommandType.CallNext => CallNext(command, counter, counterConfig, now, change),
            CommandType.Call => CallSpecific(command, counter, counterConfig, now, change),
            CommandType.Recall => Recall(command, counter, now, change),
            CommandType.Skip => Finish(command, counter, now, change, [TicketState.Called], TicketState.Skipped, EventTypes.TicketSkipped,
                Teks.Petugas.ActionSkip, t => Teks.Petugas.Skipped(t.Number)),
            CommandType.NoShow => Finish(command, counter, now, change, [TicketState.Called, TicketState.Skipped], TicketState.NoShow,
                EventTypes.TicketNoShow, Teks.Petugas.ActionNoShow, t => Teks.Petugas.NoShow(t.Number)),
            CommandType.Serve => Finish(command, counter, now, change, [TicketState.Called], TicketState.Served, EventTypes.TicketServed,
                Teks.Petugas.ActionServeDone, t => Teks.Petugas.Served(t.Number)),
            CommandType.Cancel => Finish(command, counter, now, change, [TicketState.Waiting, TicketState.Called, TicketState.Skipped],
                TicketState.Cancelled, EventTypes.TicketCancelled, Teks.Petugas.ActionCancel, t => Teks.Petugas.Cancelled(t.Number)),
            CommandType.Return => ReturnSkipped(command, change),
            CommandType.Transfer => Transfer(command, counter, now, change),
            CommandType.Emergency => IssueEmergency(command, counter, now, change),
            CommandType.Issue => IssueManual(command, counterConfig, now, change),
            CommandType.Serving => Busy(counter) is { } serving
                ? Ok(command, Teks.Petugas.Serving(counterConfig.Name, serving.Number), serving)
                : Ok(command, Teks.Petugas.ServingNobody(counterConfig.Name), null),
            _ => Fail(command, QueueError.Invalid(Teks.Petugas.UnknownCommand(command.Kind.ToString()))),
        };
    }

    private CommandResult SetPaused(CounterCommand command, CounterRow counter, CounterOptions config, bool paused, ChangeSet change)
    {
        var message = paused ? Teks.Petugas.OnBreak(config.Name) : Teks.Petugas.BackFromBreak(config.Name);
        if (counter.Paused != paused)
        {
            var updated = counter with { Paused = paused };
            change.Counters[counter.Id] = updated;
            var serving = counter.CurrentTicket is { } id ? _tickets.GetValueOrDefault(id)?.Number : null;
            change.Events.Add((paused ? EventTypes.CounterPaused : EventTypes.CounterResumed, new CounterData(counter.Id, paused, serving)));
        }

        return Ok(command, message, null);
    }

    /// <summary>The ticket still open at this counter, if any: a counter serves one patient at a time.</summary>
    private Ticket? Busy(CounterRow counter) =>
        counter.CurrentTicket is { } id && _tickets.TryGetValue(id, out var t) && t.State == TicketState.Called ? t : null;

    private CommandResult CallNext(CounterCommand command, CounterRow counter, CounterOptions config, DateTimeOffset now, ChangeSet change)
    {
        if (counter.Paused)
        {
            return Fail(command, QueueError.Paused(config.Name));
        }

        if (Busy(counter) is { } busy)
        {
            return Fail(command, QueueError.Busy(busy.Number));
        }

        Ticket? oldestPriority = null, oldestNormal = null;
        foreach (var t in _tickets.Values)
        {
            if (t.State != TicketState.Waiting || !t.PrintState.IsCallable() || !config.Services.Contains(t.ServiceCode))
            {
                continue;
            }

            if (t.IsPriority)
            {
                if (oldestPriority is null || t.QueueKey < oldestPriority.QueueKey)
                {
                    oldestPriority = t;
                }
            }
            else if (oldestNormal is null || t.QueueKey < oldestNormal.QueueKey)
            {
                oldestNormal = t;
            }
        }

        // Priority first, but after PriorityCallsPerNormalCall priority calls the normal queue gets one turn so it still moves.
        var takePriority = oldestPriority is not null
            && (oldestNormal is null || counter.PriorityStreak < _config.Options.PriorityCallsPerNormalCall);
        var next = takePriority ? oldestPriority : oldestNormal;
        if (next is null)
        {
            return Fail(command, QueueError.Nothing());
        }

        var streak = takePriority ? counter.PriorityStreak + 1 : 0;
        var called = Call(next, counter, now, change, streak);
        return Ok(command, Teks.Petugas.Calling(called.Number, config.Name), called);
    }

    private static Ticket Call(Ticket ticket, CounterRow counter, DateTimeOffset now, ChangeSet change, int streak)
    {
        var called = ticket with
        {
            State = TicketState.Called,
            CallCount = 1,
            FirstCalledAt = ticket.FirstCalledAt ?? now,
            LastCalledAt = now,
            CalledBy = counter.Id,
        };
        change.Put(called, EventTypes.TicketCalled);
        change.Counters[counter.Id] = counter with { CurrentTicket = called.Id, PriorityStreak = streak };
        return called;
    }

    private CommandResult CallSpecific(CounterCommand command, CounterRow counter, CounterOptions config, DateTimeOffset now, ChangeSet change)
    {
        if (counter.Paused)
        {
            return Fail(command, QueueError.Paused(config.Name));
        }

        if (Busy(counter) is { } busy)
        {
            return Fail(command, QueueError.Busy(busy.Number));
        }

        if (Resolve(command, null) is not { } ticket)
        {
            return Fail(command, TargetError(command));
        }

        if (!config.Services.Contains(ticket.ServiceCode))
        {
            return Fail(command, QueueError.NotAtCounter(ticket.Number));
        }

        if (ticket.State is not (TicketState.Waiting or TicketState.Skipped))
        {
            return Fail(command, QueueError.Transition(ticket.Number, ticket.State, Teks.Petugas.ActionCall));
        }

        if (!ticket.PrintState.IsCallable())
        {
            return Fail(command, QueueError.NotPrinted(ticket.Number));
        }

        var called = Call(ticket, counter, now, change, counter.PriorityStreak);
        return Ok(command, Teks.Petugas.Calling(called.Number, config.Name), called);
    }

    private CommandResult Recall(CounterCommand command, CounterRow counter, DateTimeOffset now, ChangeSet change)
    {
        if (Resolve(command, counter) is not { } ticket)
        {
            return Fail(command, TargetError(command));
        }

        if (ticket.State != TicketState.Called)
        {
            return Fail(command, QueueError.Transition(ticket.Number, ticket.State, Teks.Petugas.ActionRecall));
        }

        if (ticket.CalledBy != counter.Id)
        {
            return Fail(command, OtherCounter(ticket));
        }

        if (ticket.CallCount >= _config.Options.MaxCallsBeforeNoShow)
        {
            var noShow = ticket with { State = TicketState.NoShow, FinishedAt = now };
            change.Put(noShow, EventTypes.TicketNoShow);
            FreeCounter(change, ticket);
            return Ok(command, Teks.Petugas.NoShowAfterCalls(ticket.Number, ticket.CallCount), noShow);
        }

        var recalled = ticket with { CallCount = ticket.CallCount + 1, LastCalledAt = now };
        change.Put(recalled, EventTypes.TicketRecalled);
        return Ok(command, Teks.Petugas.Recalling(recalled.Number, recalled.CallCount), recalled);
    }

    private CommandResult Finish(CounterCommand command, CounterRow counter, DateTimeOffset now, ChangeSet change, TicketState[] from,
        TicketState to, string eventType, string action, Func<Ticket, string> message)
    {
        if (Resolve(command, counter) is not { } ticket)
        {
            return Fail(command, TargetError(command));
        }

        if (!from.Contains(ticket.State))
        {
            return Fail(command, QueueError.Transition(ticket.Number, ticket.State, action));
        }

        if (ticket.State == TicketState.Called && ticket.CalledBy != counter.Id)
        {
            return Fail(command, OtherCounter(ticket));
        }

        var updated = ticket with { State = to, FinishedAt = to.IsTerminal() ? now : ticket.FinishedAt };
        change.Put(updated, eventType);
        FreeCounter(change, ticket);
        return Ok(command, message(updated), updated);
    }

    private CommandResult ReturnSkipped(CounterCommand command, ChangeSet change)
    {
        if (Resolve(command, null) is not { } ticket)
        {
            return Fail(command, TargetError(command));
        }

        if (ticket.State is not (TicketState.Skipped or TicketState.NoShow))
        {
            return Fail(command, QueueError.Transition(ticket.Number, ticket.State, Teks.Petugas.ActionReturn));
        }

        var returned = ticket with { State = TicketState.Waiting, FinishedAt = null, CallCount = 0, QueueKey = ReturnKey(ticket) };
        change.Put(returned, EventTypes.TicketReturned);
        return Ok(command, Teks.Petugas.Returned(returned.Number), returned);
    }

    /// <summary>Where a returning patient goes, by configuration: front, behind N waiting tickets, or the end of the queue.</summary>
    private double ReturnKey(Ticket ticket)
    {
        var waiting = _tickets.Values.Where(t => t.ServiceCode == ticket.ServiceCode && t.IsQueued)
            .Select(t => t.QueueKey).Order().ToList();
        var end = _sequence + 1.0;
        return _config.Options.ReturnPlacement switch
        {
            ReturnPlacement.Front => waiting.Count == 0 ? end : waiting[0] - 1,
            ReturnPlacement.AfterWaiting when waiting.Count > _config.Options.ReturnAfterWaiting =>
                _config.Options.ReturnAfterWaiting == 0
                    ? waiting[0] - 1
                    : (waiting[_config.Options.ReturnAfterWaiting - 1] + waiting[_config.Options.ReturnAfterWaiting]) / 2,
            _ => end,
        };
    }

    private CommandResult Transfer(CounterCommand command, CounterRow counter, DateTimeOffset now, ChangeSet change)
    {
        if (command.PoliCode is null || !_config.Queues.TryGetValue(command.PoliCode, out var poli) || !poli.IsPoli)
        {
            return Fail(command, QueueError.UnknownPoli(command.PoliCode ?? ""));
        }

        if (Resolve(command, counter) is not { } ticket)
        {
            return Fail(command, TargetError(command));
        }

        if (ticket.State is not (TicketState.Called or TicketState.Served))
        {
            return Fail(command, QueueError.Transition(ticket.Number, ticket.State, Teks.Petugas.ActionTransfer));
        }

        if (ticket.State == TicketState.Called && ticket.CalledBy != counter.Id)
        {
            return Fail(command, OtherCounter(ticket));
        }

        var created = NewTicket(poli, now, change, ticket.Category, ticket.Payer, ticket.Priority, ticket.FamilySize, ticket.CardData,
            TicketSource.Transfer, PrintState.NotRequired, ticket.IsEmergency, ticket.Id);
        if (created.Error is { } error)
        {
            return Fail(command, error);
        }

        var poliTicket = created.Ticket!;
        change.Put(poliTicket, EventTypes.TicketIssued);
        var transferred = ticket with { State = TicketState.Transferred, TransferredTo = poliTicket.Id, FinishedAt = ticket.FinishedAt ?? now };
        change.Put(transferred, EventTypes.TicketTransferred);
        FreeCounter(change, ticket);
        return Ok(command, Teks.Petugas.Transferred(ticket.Number, poli.Name, poliTicket.Number), transferred, poliTicket);
    }

    private CommandResult IssueEmergency(CounterCommand command, CounterRow counter, DateTimeOffset now, ChangeSet change)
    {
        if (ValidateRequest(command.ServiceCode, command.Category, command.Payer, command.Priority, command.FamilySize, command.CardData) is { } invalid)
        {
            return Fail(command, invalid);
        }

        if (!_config.Queues.TryGetValue(command.ServiceCode!, out var queue))
        {
            return Fail(command, QueueError.UnknownService(command.ServiceCode!));
        }

        if (Busy(counter) is { } busy)
        {
            return Fail(command, QueueError.Busy(busy.Number));
        }

        var created = NewTicket(queue, now, change, command.Category, command.Payer, command.Priority, command.FamilySize, command.CardData,
            TicketSource.Counter, PrintState.NotRequired, emergency: true, transferredFrom: null);
        if (created.Error is { } error)
        {
            return Fail(command, error);
        }

        var issued = created.Ticket! with { Note = Privacy.CardNumberText.Mask(command.Reason) };
        change.Put(issued, EventTypes.TicketIssued);
        // The officer is registering this patient now: the ticket is at this counter at once, ahead of the queue.
        var called = Call(issued, counter, now, change, counter.PriorityStreak);
        return Ok(command, Teks.Petugas.EmergencyIssued(called.Number), called);
    }

    /// <summary>
    /// The kiosk cannot print (paper out, cover open, off): the officer gives the patient the next number of the service
    /// by word of mouth. The engine numbers it like a kiosk ticket (never a duplicate), it needs no print and waits in
    /// the same queue; the officer's counter is noted for the recap.
    /// </summary>
    private CommandResult IssueManual(CounterCommand command, CounterOptions counter, DateTimeOffset now, ChangeSet change)
    {
        if (ValidateRequest(command.ServiceCode, command.Category, command.Payer, command.Priority, command.FamilySize, command.CardData) is { } invalid)
        {
            return Fail(command, invalid);
        }

        if (!_config.Queues.TryGetValue(command.ServiceCode!, out var queue))
        {
            return Fail(command, QueueError.UnknownService(command.ServiceCode!));
        }

        var created = NewTicket(queue, now, change, command.Category, command.Payer, command.Priority, command.FamilySize, command.CardData,
            TicketSource.Counter, PrintState.NotRequired, emergency: false, transferredFrom: null);
        if (created.Error is { } error)
        {
            return Fail(command, error);
        }

        var issued = created.Ticket! with { Note = Privacy.CardNumberText.Mask(Teks.Petugas.ManualNote(counter.Name, command.Reason ?? Teks.Petugas.ManualDefaultReason)) };
        change.Put(issued, EventTypes.TicketIssued);
        return Ok(command, Teks.Petugas.ManualIssued(issued.Number, queue.Name), issued);
    }

    private void FreeCounter(ChangeSet change, Ticket ticket)
    {
        foreach (var c in _counters.Values)
        {
            var current = change.Counters.GetValueOrDefault(c.Id) ?? c;
            if (current.CurrentTicket == ticket.Id)
            {
                change.Counters[c.Id] = current with { CurrentTicket = null };
            }
        }
    }

    /// <summary>The ticket a command names (number or id), else the counter's current one when a counter is given.</summary>
    private Ticket? Resolve(CounterCommand command, CounterRow? counter)
    {
        if (command.TicketId is { } id)
        {
            return _tickets.GetValueOrDefault(id);
        }

        if (!string.IsNullOrWhiteSpace(command.TicketNumber))
        {
            return FindByNumber(command.TicketNumber);
        }

        return counter?.CurrentTicket is { } current ? _tickets.GetValueOrDefault(current) : null;
    }

    private static QueueError TargetError(CounterCommand command) =>
        command.TicketId is not null || !string.IsNullOrWhiteSpace(command.TicketNumber)
            ? QueueError.UnknownTicket(command.TicketNumber ?? command.TicketId.ToString()!)
            : command.Kind is CommandType.Call or CommandType.Return
                ? QueueError.Invalid(Teks.Petugas.NeedTicketNumber)
                : QueueError.NoTicket();

    private QueueError OtherCounter(Ticket ticket) => new(ErrorCode.InvalidTransition,
        Teks.Petugas.ServedElsewhere(ticket.Number, _config.Options.Counters.FirstOrDefault(c => c.Id == ticket.CalledBy)?.Name ?? ticket.CalledBy ?? string.Empty));
}
