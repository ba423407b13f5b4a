using System.Text;
using Kiosk.Mqtt.Protocol;
using Kiosk.Mqtt.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Kiosk.Mqtt.Tests.Client;

public sealed class ClientBehaviourTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reconnect_delays_grow_exponentially_with_jitter_inside_the_configured_bounds()
    {
        var options = new MqttClientOptions { ClientId = "backoff", ReconnectMinDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromSeconds(2) };
        await using var client = new MqttClient(options);
        for (var failures = 0; failures < 12; failures++)
        {
            var step = Math.Min(100 * Math.Pow(2, failures), 2000);
            var samples = Enumerable.Range(0, 50).Select(_ => client.Backoff(failures).TotalMilliseconds).ToList();
            Assert.All(samples, d => Assert.InRange(d, Math.Max(100, step / 2), step));
            if (step >= 400)
            {
                // Jitter: fifty kiosks after the same outage must not all come back in the same millisecond.
                Assert.True(samples.Distinct().Count() > 10, $"no jitter at {failures} failures");
            }
        }
    }

    [Fact]
    public async Task State_changes_and_protocol_errors_are_logged_with_their_reason()
    {
        await using var fake = new ScriptedBroker();
        var logger = new ListLogger();
        await using var client = new MqttClient(fake.ClientOptions("logged"), logger);
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
        await session.SendRawAsync(Convert.FromHexString("40027777"));
        await states.NextAsync(MqttConnectionState.Disconnected, Step);

        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("Connecting -> Connected", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("PUBACK for packet id 30583", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throwing_state_observer_does_not_stop_the_connection_loop()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("bad-observer"));
        client.StateChanged += (_, _) => throw new InvalidOperationException("observer bug");
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
    }

    [Fact]
    public async Task QoS1_publishes_made_before_the_broker_is_reachable_wait_in_the_session_and_go_out_on_connect()
    {
        await using var fake = new ScriptedBroker();
        var options = fake.ClientOptions("early");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClientId = options.ClientId,
            CleanSession = false,
            MaxInflightMessages = 2,
            ReconnectMinDelay = options.ReconnectMinDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
        });
        var publishes = Enumerable.Range(1, 5)
            .Select(i => client.PublishAsync(new MqttApplicationMessage("queue/test/events", Encoding.UTF8.GetBytes($"E{i}"), MqttQos.AtLeastOnce), CancellationToken.None))
            .ToList();
        Assert.Equal(5, client.PendingPublishCount);

        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));

        // Never more than two unacknowledged at once; order kept; none of them is a redelivery.
        for (var i = 1; i <= 5; i++)
        {
            var publish = await session.ReadAsync<PublishPacket>(Step);
            Assert.Equal($"E{i}", Encoding.UTF8.GetString(publish.Payload.Span));
            Assert.False(publish.Dup);
            if (i >= 2)
            {
                await session.SendAsync(new PubAckPacket((ushort)(publish.PacketId - 1)));
            }
        }

        await session.SendAsync(new PubAckPacket(5));
        await Wait.ForAsync(Task.WhenAll(publishes), Step, "all five PUBACKs");
    }

    [Fact]
    public async Task Stop_and_dispose_may_be_called_in_any_order_and_more_than_once()
    {
        await using var fake = new ScriptedBroker();
        var client = new MqttClient(fake.ClientOptions("stop-twice"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
        var pending = client.PublishAsync(new MqttApplicationMessage("queue/test/x", "x"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);

        await Task.WhenAll(client.StopAsync(CancellationToken.None), client.StopAsync(CancellationToken.None));
        await client.DisposeAsync();
        await client.DisposeAsync();

        Assert.Equal(MqttConnectionState.Stopped, client.State);
        Assert.Single(states.All, c => c.NewState == MqttConnectionState.Stopped);
        await Assert.ThrowsAsync<MqttNotConnectedException>(() => pending);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.StartAsync(CancellationToken.None));
        Assert.False(await client.Messages.WaitToReadAsync());
    }
}
