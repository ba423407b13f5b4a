using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Outbox;

namespace Kiosk.Queue.Snapshot;

/// <summary>
/// Rebuilds a <see cref="StateSnapshot"/> from event data alone, the way a loket screen or display keeps its view current
/// between retained snapshots; the tests use it to prove the events tell the whole story (docs/asyncapi.yaml).
/// </summary>
public sealed class SnapshotProjection
{
    private readonly QueueEngineOptions _options;
    private readonly Dictionary<Guid, TicketData> _tickets = [];
    private readonly Dictionary<string, List<Guid>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _paused = new(StringComparer.Ordinal);
    // Calls a loaded snapshot counted for tickets this projection never saw (finished before it started).
    private readonly Dictionary<string, int> _calledBefore = new(StringComparer.Ordinal);
    private DateOnly? _day;
    private bool _closed;

    public SnapshotProjection(QueueEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public long Sequence { get; private set; }

    /// <summary>Applies one stored event; events at or below the current sequence are ignored (QoS 1 delivers duplicates).</summary>
    public bool Apply(OutboxEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Sequence, e.Type, e.Payload);
    }

    /// <summary>Applies one event as it came off the wire.</summary>
    public bool Apply(EventEnvelope e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Sequence, e.Type, e.Data?.GetRawText() ?? "null");
    }

    /// <summary>Starts from a retained snapshot; later events are applied on top of it.</summary>
    public void Load(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Sequence = snapshot.Sequence;
        _day = snapshot.BusinessDay;
        _closed = snapshot.DayClosed;
        _tickets.Clear();
        _waiting.Clear();
        _lastNumber.Clear();
        _paused.Clear();
        _calledBefore.Clear();
        foreach (var service in snapshot.Services)
        {
            if (service.LastNumber is { } last)
            {
                _lastNumber[service.ServiceCode] = last;
            }

            _waiting[service.ServiceCode] = [.. service.Waiting.Select(w => w.TicketId)];
            foreach (var w in service.Waiting)
            {
                _tickets[w.TicketId] = Known(snapshot, w.TicketId, w.Number, service.ServiceCode) with
                {
                    State = TicketState.Waiting, PrintState = w.PrintState, Priority = w.Priority, Category = w.Category, Payer = w.Payer,
                    FamilySize = w.FamilySize, IssuedAt = w.IssuedAt, TransferredFrom = w.TransferredFrom, TransferredFromNumber = w.TransferredFromNumber,
                };
            }
        }

        foreach (var counter in snapshot.Counters)
        {
            _paused[counter.CounterId] = counter.Paused;
            if (counter.NowServing is { } s)
            {
                _tickets[s.TicketId] = Known(snapshot, s.TicketId, s.Number, s.ServiceCode) with
                {
                    State = TicketState.Called, CounterId = counter.CounterId, CalledAt = s.Since, CallCount = s.CallCount,
                    Category = s.Category ?? PatientCategory.Unknown, Payer = s.Payer ?? Payer.Unknown,
                    Priority = s.Priority ?? PriorityKind.None, FamilySize = s.FamilySize ?? 1,
                };
            }
        }

        foreach (var call in snapshot.LastCalls.Where(c => !_tickets.ContainsKey(c.TicketId)))
        {
            // Finished tickets still on the board: only what the board shows of them is known.
            _tickets[call.TicketId] = Known(snapshot, call.TicketId, call.Number, call.ServiceCode) with
            {
                State = TicketState.Served, CounterId = call.CounterId, CalledAt = call.CalledAt, CallCount = call.CallCount,
            };
        }

        foreach (var counter in snapshot.Counters)
        {
            _calledBefore[counter.CounterId] = Math.Max(0, (counter.CalledToday ?? 0) - CalledHere(counter.CounterId));
        }
    }

    private bool Apply(long sequence, string type, string data)
    {
        if (sequence <= Sequence)
        {
            return false;
        }

        Sequence = sequence;
        switch (type)
        {
            case EventTypes.DayOpened:
                _day = ContractJson.Deserialize<DayData>(data).BusinessDay;
                _closed = false;
                _tickets.Clear();
                _waiting.Clear();
                _lastNumber.Clear();
                _calledBefore.Clear();
                break;
            case EventTypes.DayClosed:
                _day = ContractJson.Deserialize<DayData>(data).BusinessDay;
                _closed = true;
                break;
            case EventTypes.DayRecap:
                // Informational: the recap changes no queue state.
                break;
            case EventTypes.TicketBooked:
                // A booking holds its number but is in no queue until its patient checks in (ticket.checked-in).
                var booking = ContractJson.Deserialize<BookingData>(data);
                _lastNumber[booking.ServiceCode] = booking.Number;
                break;
            case EventTypes.CounterPaused or EventTypes.CounterResumed:
                var counter = ContractJson.Deserialize<CounterData>(data);
                _paused[counter.CounterId] = counter.Paused;
                break;
            default:
                var ticket = ContractJson.Deserialize<TicketData>(data);
                _tickets[ticket.TicketId] = ticket;
                var queue = WaitingOf(ticket.ServiceCode);
                queue.Remove(ticket.TicketId);
                if (ticket.State == TicketState.Waiting)
                {
                    queue.Insert(Math.Clamp(ticket.QueuePosition ?? queue.Count, 0, queue.Count), ticket.TicketId);
                }

                if (type == EventTypes.TicketIssued)
                {
                    _lastNumber[ticket.ServiceCode] = ticket.Number;
                }

                break;
        }

        return true;
    }

    public StateSnapshot Build()
    {
        var services = _options.Services.Select(s => (s.Code, s.Name, IsPoli: false))
            .Concat(_options.Polis.Select(p => (p.Code, p.Name, IsPoli: true)))
            .Select(q =>
            {
                var waiting = WaitingOf(q.Code).Select(id => _tickets[id]).ToList();
                return new ServiceState
                {
                    ServiceCode = q.Code,
                    Name = q.Name,
                    IsPoli = q.IsPoli,
                    WaitingCount = waiting.Count(t => t.PrintState is PrintState.Printed or PrintState.NotRequired),
                    LastNumber = _lastNumber.GetValueOrDefault(q.Code),
                    Waiting = [.. waiting.Select(t => new WaitingTicket
                    {
                        TicketId = t.TicketId,
                        Number = t.Number,
                        IssuedAt = t.IssuedAt,
                        PrintState = t.PrintState,
                        Priority = t.Priority,
                        Category = t.Category,
                        Payer = t.Payer,
                        FamilySize = t.FamilySize,
                        TransferredFrom = t.TransferredFrom,
                        TransferredFromNumber = t.TransferredFromNumber,
                        PatientToken = t.PatientToken,
                    })],
                };
            })
            .ToList();
        var counters = _options.Counters.Select(c =>
        {
            var serving = _tickets.Values.FirstOrDefault(t => t.State == TicketState.Called && t.CounterId == c.Id);
            return new CounterState
            {
                CounterId = c.Id,
                Name = c.Name,
                Paused = _paused.GetValueOrDefault(c.Id),
                Services = [.. c.Services],
                NowServing = serving is null ? null : new NowServing
                {
                    TicketId = serving.TicketId,
                    Number = serving.Number,
                    ServiceCode = serving.ServiceCode,
                    Since = serving.CalledAt ?? serving.IssuedAt,
                    CallCount = serving.CallCount,
                    Category = serving.Category,
                    Payer = serving.Payer,
                    Priority = serving.Priority,
                    FamilySize = serving.FamilySize,
                },
                CalledToday = _calledBefore.GetValueOrDefault(c.Id) + CalledHere(c.Id),
            };
        }).ToList();
        var lastCalls = _tickets.Values.Where(t => t.CalledAt is not null && t.CounterId is not null)
            .OrderByDescending(t => t.CalledAt).ThenByDescending(t => t.Number, StringComparer.Ordinal)
            .Take(StateSnapshot.MaxLastCalls)
            .Select(t => new LastCall
            {
                TicketId = t.TicketId,
                Number = t.Number,
                ServiceCode = t.ServiceCode,
                CounterId = t.CounterId!,
                CalledAt = t.CalledAt!.Value,
                CallCount = t.CallCount,
            }).ToList();
        return new StateSnapshot
        {
            Site = _options.SiteId,
            BusinessDay = _day,
            DayClosed = _closed,
            Sequence = Sequence,
            Services = services,
            Counters = counters,
            LastCalls = lastCalls,
        };
    }

    /// <summary>The day's tickets this counter called last, as far as this projection has seen them.</summary>
    private int CalledHere(string counterId) =>
        _tickets.Values.Count(t => t.CounterId == counterId && t.CalledAt is not null && t.BusinessDay == _day);

    private List<Guid> WaitingOf(string serviceCode)
    {
        if (!_waiting.TryGetValue(serviceCode, out var list))
        {
            list = [];
            _waiting[serviceCode] = list;
        }

        return list;
    }

    private static TicketData Known(StateSnapshot snapshot, Guid id, string number, string serviceCode) => new()
    {
        TicketId = id,
        Number = number,
        ServiceCode = serviceCode,
        BusinessDay = snapshot.BusinessDay ?? default,
        State = TicketState.Waiting,
        PrintState = PrintState.Printed,
        Category = PatientCategory.Lama,
        Payer = Payer.Umum,
        Priority = PriorityKind.None,
        IsEmergency = false,
        FamilySize = 1,
        CounterId = null,
        CallCount = 0,
        IssuedAt = default,
        CalledAt = null,
        FinishedAt = null,
        TransferredFrom = null,
        TransferredFromNumber = null,
        TransferredTo = null,
        HasCardData = false,
        QueuePosition = null,
    };
}
