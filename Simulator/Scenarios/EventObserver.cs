using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Kiosk.Queue.Outbox;
using Kiosk.Simulator.Messaging;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Scenarios;

/// <summary>
/// Watches the day as the waiting-room display does (role <c>display</c>, a persistent session so a broker restart
/// loses nothing it was owed) and judges the invariants at the end against what the kiosk committed: every committed
/// event arrived, in sequence order; no number was issued twice; no ticket was called before it was printed.
/// </summary>
public sealed class EventObserver : IAsyncDisposable
{
    private readonly IMqttClient client;
    private readonly Lock gate = new();
    private readonly List<(long Sequence, string Type, TicketData? Ticket)> received = [];
    private readonly HashSet<Guid> seen = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reading;
    private int duplicates;
    private long lastSequence;

    // Completed (and replaced) at every new event, so a wait for a sequence number wakes on the event, not a timer.
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EventObserver(IMqttClient client)
    {
        this.client = client;
        reading = Task.Run(ReadAsync);
    }

    public int Received
    {
        get { lock (gate) { return received.Count; } }
    }

    public long LastSequence
    {
        get { lock (gate) { return lastSequence; } }
    }

    /// <summary>How many events of <paramref name="type"/> (e.g. day.recap) the display received.</summary>
    public int Count(string type)
    {
        lock (gate)
        {
            return received.Count(r => r.Type == type);
        }
    }

    public static async Task<EventObserver> StartAsync(PrivateBroker broker, string site, CancellationToken cancellationToken)
    {
        var client = await RoleConnection.ConnectAsync(broker, BrokerRoles.Display, $"scenario-observer-{Environment.ProcessId}", [new SiteTopics(site).Events], cancellationToken, cleanSession: false);
        return new EventObserver(client);
    }

    /// <summary>
    /// Waits until every committed event has arrived (an event numbered <paramref name="sequence"/> or later), waking at
    /// each event; after <paramref name="timeout"/> it returns anyway and the invariants name what was lost.
    /// </summary>
    public async Task WaitForAsync(long sequence, TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (lastSequence >= sequence)
                {
                    return;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Each broken invariant as one sentence; empty when the day was sound.</summary>
    public IReadOnlyList<string> BrokenInvariants(IReadOnlyList<OutboxEvent> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var broken = new List<string>();
        List<(long Sequence, string Type, TicketData? Ticket)> events;
        lock (gate)
        {
            events = [.. received];
        }

        var arrived = events.Select(e => e.Sequence).ToHashSet();
        var lost = committed.Where(c => !arrived.Contains(c.Sequence)).Select(c => c.Sequence).ToList();
        if (lost.Count > 0)
        {
            broken.Add(SimulatorTeks.Skenario.EventsLost(lost.Count, lost.Take(5)));
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Sequence <= events[i - 1].Sequence)
            {
                broken.Add(SimulatorTeks.Skenario.EventsReversed(events[i - 1].Sequence, events[i].Sequence));
                break;
            }
        }

        var issued = events.Where(e => e.Type == EventTypes.TicketIssued && e.Ticket is not null).Select(e => $"{e.Ticket!.BusinessDay:yyyy-MM-dd} {e.Ticket.Number}").ToList();
        foreach (var twice in issued.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Take(5))
        {
            broken.Add(SimulatorTeks.Skenario.NumberIssuedTwice(twice.Key, twice.Count()));
        }

        var printed = new HashSet<Guid>();
        foreach (var (_, type, ticket) in events)
        {
            if (ticket is null)
            {
                continue;
            }

            // A poli number made by a transfer and an emergency registered by staff are never printed: no paper is owed.
            if (type == EventTypes.TicketPrinted || ticket.PrintState is PrintState.Printed or PrintState.NotRequired)
            {
                printed.Add(ticket.TicketId);
            }
            else if (type == EventTypes.TicketCalled && !printed.Contains(ticket.TicketId))
            {
                broken.Add(SimulatorTeks.Skenario.CalledBeforePrinted(ticket.Number));
            }
        }

        return broken;
    }

    public int Duplicates => Volatile.Read(ref duplicates);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await client.DisposeAsync();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task ReadAsync()
    {
        await foreach (var message in client.Messages.ReadAllAsync(stopping.Token))
        {
            // Read through the contract's own types, as any consumer must; a payload that is not an event is a broken
            // invariant of its own, counted by the sequence check.
            EventEnvelope envelope;
            TicketData? ticket;
            try
            {
                envelope = ContractJson.Deserialize<EventEnvelope>(message.Payload.Span);
                ticket = EventTypes.DataKind(envelope.Type) == typeof(TicketData) && envelope.Data is not null ? envelope.ReadData<TicketData>() : null;
            }
            catch (JsonException)
            {
                continue;
            }

            var id = envelope.EventId;
            TaskCompletionSource woken;
            lock (gate)
            {
                // QoS 1 may deliver twice; receivers drop repeats by event id, as the contract says.
                if (!seen.Add(id))
                {
                    duplicates++;
                    continue;
                }

                received.Add((envelope.Sequence, envelope.Type, ticket));
                lastSequence = Math.Max(lastSequence, envelope.Sequence);
                woken = arrived;
                arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            woken.TrySetResult();
        }
    }
}
