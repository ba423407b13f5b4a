using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.State;
using Kiosk.Queue.Engine;
using Kiosk.Queue.Model;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;

namespace Kiosk.Queue;

/// <summary>What the engine puts on the wire: the retained state, event data and counter replies, in the contract's types.</summary>
public sealed partial class QueueEngine
{
    /// <summary>The retained state: waiting tickets in queue order, what each counter serves since when, the last calls.</summary>
    public StateSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var services = _config.Queues.Values.OrderBy(q => q.IsPoli).Select(q =>
            {
                var waiting = WaitingInQueueOrder(q.Code, _tickets.Values);
                return new ServiceState
                {
                    ServiceCode = q.Code,
                    Name = q.Name,
                    IsPoli = q.IsPoli,
                    WaitingCount = waiting.Count(t => t.PrintState.IsCallable()),
                    LastNumber = _lastNumber.TryGetValue(q.Code, out var last) ? q.FormatNumber(last) : null,
                    Waiting = [.. waiting.Select(t => new WaitingTicket
                    {
                        TicketId = t.Id,
                        Number = t.Number,
                        IssuedAt = t.IssuedAt.ToWire(),
                        PrintState = t.PrintState,
                        Priority = t.Priority,
                        Category = t.Category,
                        Payer = t.Payer,
                        FamilySize = t.FamilySize,
                        TransferredFrom = t.TransferredFrom,
                        TransferredFromNumber = NumberOf(t.TransferredFrom, null),
                        PatientToken = t.PatientToken,
                    })],
                };
            }).ToList();
            var counters = _config.Options.Counters.Select(c =>
            {
                var row = _counters[c.Id];
                var serving = row.CurrentTicket is { } id && _tickets.GetValueOrDefault(id) is { State: TicketState.Called } t ? t : null;
                return new CounterState
                {
                    CounterId = c.Id,
                    Name = c.Name,
                    Paused = row.Paused,
                    Services = [.. c.Services],
                    NowServing = serving is null ? null : new NowServing
                    {
                        TicketId = serving.Id,
                        Number = serving.Number,
                        ServiceCode = serving.ServiceCode,
                        Since = (serving.LastCalledAt ?? serving.IssuedAt).ToWire(),
                        CallCount = serving.CallCount,
                        Category = serving.Category,
                        Payer = serving.Payer,
                        Priority = serving.Priority,
                        FamilySize = serving.FamilySize,
                    },
                    CalledToday = _tickets.Values.Count(t => t.CalledBy == c.Id && t.LastCalledAt is not null && t.BusinessDay == _day.Day),
                };
            }).ToList();
            var lastCalls = _tickets.Values.Where(t => t.LastCalledAt is not null && t.CalledBy is not null)
                .OrderByDescending(t => t.LastCalledAt).ThenByDescending(t => t.Number, StringComparer.Ordinal)
                .Take(StateSnapshot.MaxLastCalls)
                .Select(t => new LastCall
                {
                    TicketId = t.Id,
                    Number = t.Number,
                    ServiceCode = t.ServiceCode,
                    CounterId = t.CalledBy!,
                    CalledAt = t.LastCalledAt!.Value.ToWire(),
                    CallCount = t.CallCount,
                }).ToList();
            return new StateSnapshot
            {
                Site = _config.Options.SiteId,
                BusinessDay = _day.Day == DateOnly.MinValue ? null : _day.Day,
                DayClosed = _day.ClosedAtMs is not null,
                Sequence = _sequence,
                Services = services,
                Counters = counters,
                LastCalls = lastCalls,
            };
        }
    }

    /// <summary>
    /// The reply to a counter command in the contract's words. A ticket's queue position is the one it has now: for a
    /// repeated command id that is the current place, which is what the officer needs to see.
    /// </summary>
    public CounterReply ToReply(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            ThrowIfDisposed();
            return new CounterReply
            {
                CommandId = result.CommandId,
                CounterId = result.CounterId,
                Type = result.Kind,
                Ok = result.Succeeded,
                Message = result.Succeeded ? result.Message : result.Error.Message,
                ErrorCode = result.Error?.Code,
                Ticket = result.Ticket is { } t ? WireMapping.ToReplyTicket(t, PositionNow(t), NumberOf(t.TransferredFrom, null)) : null,
                NewTicket = result.NewTicket is { } n ? WireMapping.ToReplyTicket(n, PositionNow(n), NumberOf(n.TransferredFrom, null)) : null,
            };
        }
    }

    /// <summary>Event data of a ticket in a change set about to be committed: positions and numbers as they will be after it.</summary>
    private TicketData Describe(Ticket ticket, ChangeSet change)
    {
        // Its place is the number of waiting tickets of its service ahead of it once the change is applied; a ticket that
        // leaves the queue again in the same change (an emergency ticket is made and called at once) still gets the place
        // it would have had. One pass, no sorting: this runs on the commit path of every ticket event.
        int? position = null;
        if (ticket.IsQueued)
        {
            var ahead = 0;
            foreach (var t in _tickets.Values)
            {
                if (!change.Tickets.ContainsKey(t.Id) && IsAhead(t, ticket))
                {
                    ahead++;
                }
            }

            foreach (var t in change.Tickets.Values)
            {
                if (IsAhead(t, ticket))
                {
                    ahead++;
                }
            }

            position = ahead;
        }

        return WireMapping.ToTicketData(ticket, position, NumberOf(ticket.TransferredFrom, change));
    }

    private static bool IsAhead(Ticket other, Ticket ticket) =>
        other.Id != ticket.Id && other.IsQueued && other.ServiceCode == ticket.ServiceCode && other.QueueKey < ticket.QueueKey;

    private int? PositionNow(Ticket ticket)
    {
        if (!ticket.IsQueued)
        {
            return null;
        }

        var index = WaitingInQueueOrder(ticket.ServiceCode, _tickets.Values).FindIndex(t => t.Id == ticket.Id);
        return index < 0 ? null : index;
    }

    private static List<Ticket> WaitingInQueueOrder(string serviceCode, IEnumerable<Ticket> tickets) =>
        [.. tickets.Where(t => t.ServiceCode == serviceCode && t.IsQueued).OrderBy(t => t.QueueKey)];

    private string? NumberOf(Guid? ticketId, ChangeSet? change) =>
        ticketId is not { } id ? null
        : change is not null && change.Tickets.TryGetValue(id, out var changed) ? changed.Number
        : _tickets.GetValueOrDefault(id)?.Number;
}
