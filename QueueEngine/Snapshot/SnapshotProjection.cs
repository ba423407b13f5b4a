using System.Text.Json;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Outbox;

namespace Kiosk.Queue.Snapshot;

/// <summary>
/// Rebuilds a <see cref="QueueSnapshot"/> from outbox events alone. Displays and counters can use it to keep their
/// view current between retained snapshots; the tests use it to prove the events tell the whole story.
/// </summary>
public sealed class SnapshotProjection
{
    private readonly QueueEngineOptions _options;
    private readonly Dictionary<Guid, TicketEventPayload> _tickets = [];
    private readonly Dictionary<string, string> _lastNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _paused = new(StringComparer.Ordinal);
    private DateOnly? _day;
    private bool _closed;

    public SnapshotProjection(QueueEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public long Sequence { get; private set; }

    /// <summary>Applies one event; events at or below the current sequence are ignored (QoS 1 delivers duplicates).</summary>
    public bool Apply(OutboxEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Sequence <= Sequence)
        {
            return false;
        }

        Sequence = e.Sequence;
        switch (e.Type)
        {
            case EventTypes.DayOpened:
                var opened = Deserialize<DayEventPayload>(e.Payload);
                _day = opened.BusinessDay;
                _closed = false;
                _tickets.Clear();
                _lastNumber.Clear();
                break;
            case EventTypes.DayClosed:
                _day = Deserialize<DayEventPayload>(e.Payload).BusinessDay;
                _closed = true;
                break;
            case EventTypes.DayRecap:
                // Informational: the recap changes no queue state.
                break;
            case EventTypes.CounterPaused or EventTypes.CounterResumed:
                var counter = Deserialize<CounterEventPayload>(e.Payload);
                _paused[counter.CounterId] = counter.Paused;
                break;
            default:
                var ticket = Deserialize<TicketEventPayload>(e.Payload);
                _tickets[ticket.TicketId] = ticket;
                if (e.Type == EventTypes.TicketIssued)
                {
                    _lastNumber[ticket.ServiceCode] = ticket.Number;
                }

                break;
        }

        return true;
    }

    public QueueSnapshot Build()
    {
        var services = _options.Services.Select(s => (s.Code, s.Name, IsPoli: false))
            .Concat(_options.Polis.Select(p => (p.Code, p.Name, IsPoli: true)))
            .Select(q => new ServiceSnapshot(q.Code, q.Name, q.IsPoli,
                _tickets.Values.Count(t => t.ServiceCode == q.Code && t.State == TicketState.Waiting && t.PrintState.IsCallable()),
                _lastNumber.GetValueOrDefault(q.Code)))
            .ToList();
        var counters = _options.Counters.Select(c =>
        {
            var serving = _tickets.Values.FirstOrDefault(t => t.State == TicketState.Called && t.CounterId == c.Id);
            return new CounterSnapshot(c.Id, c.Name, _paused.GetValueOrDefault(c.Id), serving?.Number, serving?.ServiceCode);
        }).ToList();
        return new QueueSnapshot(_options.SiteId, _day, _closed, Sequence, services, counters);
    }

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, QueueJson.Options) ?? throw new JsonException($"empty {typeof(T).Name} payload");
}
