using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Mqtt;
using Kiosk.Queue.Outbox;
using Kiosk.Simulator.Messaging;

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
    private readonly List<(long Sequence, string Type, JsonElement Data)> received = [];
    private readonly HashSet<Guid> seen = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reading;
    private int duplicates;

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
        get { lock (gate) { return received.Count == 0 ? 0 : received.Max(r => r.Sequence); } }
    }

    public static async Task<EventObserver> StartAsync(PrivateBroker broker, string site, CancellationToken cancellationToken)
    {
        var client = await RoleConnection.ConnectAsync(broker, BrokerRoles.Display, $"scenario-observer-{Environment.ProcessId}", [$"queue/{site}/events"], cancellationToken, cleanSession: false);
        return new EventObserver(client);
    }

    /// <summary>Waits (bounded) until every committed event has arrived.</summary>
    public async Task WaitForAsync(long sequence, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LastSequence < sequence && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Each broken invariant as one sentence; empty when the day was sound.</summary>
    public IReadOnlyList<string> BrokenInvariants(IReadOnlyList<OutboxEvent> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var broken = new List<string>();
        List<(long Sequence, string Type, JsonElement Data)> events;
        lock (gate)
        {
            events = [.. received];
        }

        var arrived = events.Select(e => e.Sequence).ToHashSet();
        var lost = committed.Where(c => !arrived.Contains(c.Sequence)).Select(c => c.Sequence).ToList();
        if (lost.Count > 0)
        {
            broken.Add($"{lost.Count} peristiwa hilang (tidak sampai ke layar), mis. nomor urut {string.Join(", ", lost.Take(5))}");
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Sequence <= events[i - 1].Sequence)
            {
                broken.Add($"urutan peristiwa terbalik: {events[i - 1].Sequence} lalu {events[i].Sequence}");
                break;
            }
        }

        var issued = events.Where(e => e.Type == "ticket.issued").Select(e => $"{Text(e.Data, "businessDay")} {Text(e.Data, "number")}").ToList();
        foreach (var twice in issued.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Take(5))
        {
            broken.Add($"nomor {twice.Key} diterbitkan {twice.Count()} kali");
        }

        var printed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, type, data) in events)
        {
            var id = Text(data, "ticketId");
            // A poli number made by a transfer and an emergency registered by staff are never printed: no paper is owed.
            var printState = Text(data, "printState");
            if (type == "ticket.printed" || printState.Equals("printed", StringComparison.OrdinalIgnoreCase) || printState.Equals("notRequired", StringComparison.OrdinalIgnoreCase))
            {
                printed.Add(id);
            }
            else if (type == "ticket.called" && !printed.Contains(id))
            {
                broken.Add($"tiket {Text(data, "number")} dipanggil padahal belum pernah tercetak");
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

    private static string Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) ? value.ToString() : string.Empty;

    private async Task ReadAsync()
    {
        await foreach (var message in client.Messages.ReadAllAsync(stopping.Token))
        {
            using var document = JsonDocument.Parse(message.Payload);
            var root = document.RootElement;
            var id = root.GetProperty("eventId").GetGuid();
            lock (gate)
            {
                // QoS 1 may deliver twice; receivers drop repeats by event id, as the contract says.
                if (!seen.Add(id))
                {
                    duplicates++;
                    continue;
                }

                var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
                received.Add((root.GetProperty("sequence").GetInt64(), root.GetProperty("type").GetString() ?? string.Empty, data));
            }
        }
    }
}
