using System.Collections.Concurrent;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;

namespace Kiosk.TestSupport;

/// <summary>
/// A loket as the screens host runs it: one MQTT session as <c>counter-N</c> that reads its reply topic and publishes
/// its commands. It never resends a command by itself; <see cref="PublishAsync"/> completes when the broker acknowledged it.
/// </summary>
public sealed class CounterSession : IAsyncDisposable
{
    private readonly MqttClient client;
    private readonly string commandTopic;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> waiting = new(StringComparer.Ordinal);
    private readonly Task reading;
    private int repliesReceived;
    private int repliesWithoutId;

    private CounterSession(MqttClient client, SiteTopics topics, int counter)
    {
        this.client = client;
        commandTopic = topics.Command(counter);
        reading = Task.Run(ReadAsync);
    }

    public static async Task<CounterSession> StartAsync(PrivateBroker broker, int counter, string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var user = broker.For(BrokerRoles.Counter(counter));
        var topics = new SiteTopics(broker.Site);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = clientId ?? $"loket-{counter}-{Guid.NewGuid():N}"[..20],
            Username = user.Username,
            Password = user.Password,
            CleanSession = clientId is null,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        });
        var session = new CounterSession(client, topics, counter);
        await client.StartAsync(CancellationToken.None);
        var granted = await client.SubscribeAsync([new MqttTopicFilter(topics.Reply(counter), MqttQos.AtLeastOnce)], CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(15));
        if (!granted[0].Succeeded)
        {
            throw new InvalidOperationException($"counter-{counter} may not read its reply topic.");
        }

        return session;
    }

    /// <summary>Publishes once at QoS 1; completes when the broker has acknowledged it.</summary>
    public Task PublishAsync(string payload, CancellationToken cancellationToken = default) =>
        PublishAsync(System.Text.Encoding.UTF8.GetBytes(payload), cancellationToken);

    /// <summary>Publishes raw bytes once at QoS 1 (a broken loket's payload need not be text); completes when the broker acknowledged it.</summary>
    public Task PublishAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        client.PublishAsync(new MqttApplicationMessage(commandTopic, payload, MqttQos.AtLeastOnce), cancellationToken);

    /// <summary>Every reply read so far, those without a readable command id included.</summary>
    public int RepliesReceived => Volatile.Read(ref repliesReceived);

    /// <summary>Replies whose <c>commandId</c> is null: refusals of payloads whose id could not be read.</summary>
    public int RepliesWithoutId => Volatile.Read(ref repliesWithoutId);

    /// <summary>Whether a reply to <paramref name="commandId"/> has arrived (without registering a wait for one).</summary>
    public bool HasReply(string commandId) => waiting.TryGetValue(commandId, out var reply) && reply.Task.IsCompleted;

    /// <summary>The reply to <paramref name="commandId"/>, registered before the command is sent so it cannot be missed.</summary>
    public Task<JsonElement> ReplyTo(string commandId) =>
        waiting.GetOrAdd(commandId, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Sends a command and waits (bounded) for its reply.</summary>
    public async Task<JsonElement> CommandAsync(string commandId, object command, TimeSpan timeout)
    {
        var reply = ReplyTo(commandId);
        await PublishAsync(JsonSerializer.Serialize(command)).WaitAsync(timeout);
        return await reply.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        await reading;
    }

    private async Task ReadAsync()
    {
        await foreach (var message in client.Messages.ReadAllAsync())
        {
            JsonElement reply;
            try
            {
                reply = JsonDocument.Parse(message.Payload).RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }

            Interlocked.Increment(ref repliesReceived);
            if (reply.TryGetProperty("commandId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { } commandId)
            {
                waiting.GetOrAdd(commandId, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reply);
            }
            else
            {
                Interlocked.Increment(ref repliesWithoutId);
            }
        }
    }
}
