using System.Collections.Concurrent;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Messaging;

/// <summary>
/// One loket as the kiosk sees it: the counter-N broker user sending commands on its own topic and reading its replies.
/// Each command gets a fresh id and waits for the reply carrying that id; the clock stamps <c>sentAt</c>, so commands
/// in a simulated day are as fresh as the kiosk's own clock.
/// </summary>
public sealed class CounterDesk : IAsyncDisposable
{
    private static readonly TimeSpan RepeatEvery = TimeSpan.FromSeconds(3);
    private readonly IMqttClient client;
    private readonly TimeProvider clock;
    private readonly string commandTopic;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CounterReply>> pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reading;
    private readonly string idPrefix;
    private long commandNumber;

    private CounterDesk(IMqttClient client, TimeProvider clock, string site, int counter)
    {
        this.client = client;
        this.clock = clock;
        Counter = counter;
        commandTopic = new SiteTopics(site).Command(counter);
        idPrefix = $"sim-{counter}-{Guid.NewGuid():N}-";
        reading = Task.Run(ReadRepliesAsync);
    }

    /// <summary>Every message counter N receives (state, events, statuses, its replies), for the front panel's view.</summary>
    public event EventHandler<MqttApplicationMessage>? Received;

    public int Counter { get; }

    public bool Connected => client.State == MqttConnectionState.Connected;

    /// <summary>
    /// Waits until the session is connected (again, after a broker restart), on the client's own state change; false
    /// when <paramref name="timeout"/> passed first.
    /// </summary>
    public async Task<bool> WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStateChanged(object? sender, MqttConnectionStateChangedEventArgs change)
        {
            if (change.NewState == MqttConnectionState.Connected)
            {
                connected.TrySetResult();
            }
        }

        client.StateChanged += OnStateChanged;
        try
        {
            // Asked after subscribing, so a reconnection in between is not missed.
            if (!Connected)
            {
                await connected.Task.WaitAsync(timeout, cancellationToken);
            }

            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            client.StateChanged -= OnStateChanged;
        }
    }

    public static async Task<CounterDesk> ConnectAsync(PrivateBroker broker, string site, int counter, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var role = BrokerRoles.Counter(counter);
        var client = await RoleConnection.ConnectAsync(broker, role, $"sim-{role}-{Guid.NewGuid():N}"[..23], RoleConnection.ReadableTopics(site, role), cancellationToken);
        return new CounterDesk(client, clock, site, counter);
    }

    /// <summary>
    /// Sends one command (<paramref name="type"/> plus optional fields) and returns the kiosk's reply. Like a loket app,
    /// it repeats the same command id until the reply comes: the kiosk runs it at most once and answers a repeat with
    /// the stored reply, so a repeat after a broker restart never calls a second patient.
    /// </summary>
    public async Task<CounterReply> SendAsync(CommandType type, IReadOnlyDictionary<string, string>? fields, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = idPrefix + Interlocked.Increment(ref commandNumber);
        fields ??= new Dictionary<string, string>();
        // Written through the contract's own type and serializer, as any loket app should.
        var command = new CounterCommandMessage
        {
            CommandId = id,
            Type = type,
            SentAt = clock.GetUtcNow(),
            TicketNumber = fields.GetValueOrDefault("ticketNumber"),
            Poli = fields.GetValueOrDefault("poli"),
            Service = fields.GetValueOrDefault("service"),
            FamilySize = fields.TryGetValue("familySize", out var size) ? int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) : null,
            Reason = fields.GetValueOrDefault("reason"),
        };

        var reply = new TaskCompletionSource<CounterReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        try
        {
            var payload = ContractJson.SerializeToUtf8Bytes(command);
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                await client.PublishAsync(new MqttApplicationMessage(commandTopic, payload, MqttQos.AtLeastOnce), cancellationToken).WaitAsync(timeout, cancellationToken);
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException(SimulatorTeks.NoReply(Counter, CommandReader.Name(type), timeout));
                }

                try
                {
                    return await reply.Task.WaitAsync(left < RepeatEvery ? left : RepeatEvery, cancellationToken);
                }
                catch (TimeoutException) when (DateTime.UtcNow < deadline)
                {
                    // Repeat with the same id.
                }
            }
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await client.DisposeAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task ReadRepliesAsync()
    {
        await foreach (var message in client.Messages.ReadAllAsync(stopping.Token))
        {
            Received?.Invoke(this, message);
            if (!message.Topic.EndsWith("/reply", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var reply = ContractJson.Deserialize<CounterReply>(message.Payload.Span);
                if (reply.CommandId is { } commandId && pending.TryGetValue(commandId, out var waiting))
                {
                    waiting.TrySetResult(reply);
                }
            }
            catch (JsonException)
            {
                // Not a reply this desk can read; the kiosk never sends one, so there is nothing to wait for.
            }
        }
    }
}
