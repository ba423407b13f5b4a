using System.Collections.Concurrent;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;

namespace Kiosk.Memory.Bench;

/// <summary>An officer's loket over MQTT, as the screens host sends for it: each command answered before the next.</summary>
internal sealed class Loket(MqttClient client, SiteTopics topics, int counter) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CounterReply>> waiting = new(StringComparer.Ordinal);
    private Task? reading;
    private long sequence;

    public static async Task<Loket> ConnectAsync(PrivateBroker broker, SiteTopics topics, int counter)
    {
        var role = broker.For(BrokerRoles.Counter(counter));
        var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = $"memory-bench-counter-{counter}", Username = role.Username, Password = role.Password });
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) => { if (e.NewState == MqttConnectionState.Connected) { connected.TrySetResult(); } };
        await client.StartAsync(CancellationToken.None);
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await client.SubscribeAsync([new MqttTopicFilter(topics.Reply(counter), MqttQos.AtLeastOnce)], CancellationToken.None);
        var loket = new Loket(client, topics, counter);
        loket.reading = Task.Run(loket.ReadAsync);
        return loket;
    }

    /// <summary>Sends one command stamped with the kiosk's (moved) time and waits for its reply; a refusal fails the bench.</summary>
    public async Task<CounterReply> SendAsync(CommandType type, DateTimeOffset sentAt)
    {
        var id = $"m-{counter}-{Interlocked.Increment(ref sequence)}";
        var reply = new TaskCompletionSource<CounterReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = reply;
        var command = new CounterCommandMessage { CommandId = id, Type = type, SentAt = sentAt };
        await client.PublishAsync(new MqttApplicationMessage(topics.Command(counter), ContractJson.SerializeToUtf8Bytes(command), MqttQos.AtLeastOnce), CancellationToken.None);
        try
        {
            var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
            BenchRun.Require(answer.Ok, $"loket {counter} {type} refused: {answer.ErrorCode} {answer.Message}");
            return answer;
        }
        catch (TimeoutException)
        {
            throw new BenchFailure($"loket {counter} {type} ({id}) got no reply within 60 s");
        }
    }

    private async Task ReadAsync()
    {
        await foreach (var message in client.Messages.ReadAllAsync())
        {
            var reply = ContractJson.Deserialize<CounterReply>(message.Payload.Span);
            if (reply.CommandId is { } id && waiting.TryRemove(id, out var pending))
            {
                pending.TrySetResult(reply);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        if (reading is not null)
        {
            await reading.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
