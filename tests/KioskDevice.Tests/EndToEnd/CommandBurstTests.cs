using System.Text;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Mqtt;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class CommandBurstTests
{
    [Fact]
    public async Task A_burst_larger_than_the_incoming_queue_is_answered_in_full()
    {
        // More commands than the kiosk client's incoming queue (1,000): replies must not wait for acknowledgements
        // that sit behind the very queue the handler is draining.
        const int commands = 1_200;
        await using var kiosk = await KioskHarness.StartAsync();
        var counter = kiosk.User(BrokerRoles.Counter(1));
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(new MqttClientOptions { Host = kiosk.Broker.Host, Port = kiosk.Broker.Port, ClientId = "burst-counter-1", Username = counter.Username, Password = counter.Password });
        client.StateChanged += (_, e) => { if (e.NewState == MqttConnectionState.Connected) { connected.TrySetResult(); } };
        await client.StartAsync(CancellationToken.None);
        await connected.Task.WaitAsync(KioskHarness.Wait);
        await client.SubscribeAsync([new MqttTopicFilter($"{kiosk.Root}/counter/1/reply", MqttQos.AtLeastOnce)], CancellationToken.None).WaitAsync(KioskHarness.Wait);

        for (var i = 0; i < commands; i++)
        {
            var command = JsonSerializer.Serialize(new { commandId = $"burst-{i}", type = i % 2 == 0 ? "pause" : "resume" });
            await client.PublishAsync(new MqttApplicationMessage($"{kiosk.Root}/counter/1/command", Encoding.UTF8.GetBytes(command), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(KioskHarness.Wait);
        }

        var answered = new HashSet<string>(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (answered.Count < commands)
        {
            var reply = await client.Messages.ReadAsync(deadline.Token);
            var json = JsonDocument.Parse(reply.Payload).RootElement;
            Assert.True(json.GetProperty("ok").GetBoolean(), json.ToString());
            answered.Add(json.GetProperty("commandId").GetString()!);
        }

        Assert.Equal(commands, answered.Count);
    }
}
