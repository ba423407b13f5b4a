using System.Text;
using Kiosk.Mqtt.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Mqtt.Tests.Client;

/// <summary>The client's own size limit and acknowledgement after the application's commit, against the real Mosquitto.</summary>
[Collection(SharedBroker.CollectionName)]
public sealed class OversizeAndManualAckTests(BrokerFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(MqttQos.AtLeastOnce)]
    [InlineData(MqttQos.ExactlyOnce)]
    public async Task A_message_over_the_client_limit_is_dropped_and_acknowledged_without_losing_the_connection(MqttQos qos)
    {
        var topic = $"queue/test/oversize/{(int)qos}";
        var options = BrokerClients.Options(fixture.Broker, $"oversize-{(int)qos}", cleanSession: false);
        await using var receiver = await BrokerClients.ConnectedAsync(new MqttClientOptions
        {
            Host = options.Host, Port = options.Port, ClientId = options.ClientId, Username = options.Username, Password = options.Password,
            CleanSession = false, MaxPacketSize = 16 * 1024, ReconnectMinDelay = options.ReconnectMinDelay, ReconnectMaxDelay = options.ReconnectMaxDelay,
        });
        var states = new List<MqttConnectionState>();
        receiver.StateChanged += (_, e) => { lock (states) { states.Add(e.NewState); } };
        await receiver.SubscribeAsync([new MqttTopicFilter(topic, qos)], CancellationToken.None);
        await using var sender = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, $"oversize-sender-{(int)qos}"));

        await sender.PublishAsync(new MqttApplicationMessage(topic, new byte[100 * 1024], qos), CancellationToken.None).WaitAsync(Step);
        await sender.PublishAsync(new MqttApplicationMessage(topic, "after"u8.ToArray(), qos), CancellationToken.None).WaitAsync(Step);

        Assert.Equal("after", Encoding.UTF8.GetString((await Wait.NextMessageAsync(receiver, Step)).Payload.Span));
        lock (states)
        {
            Assert.Empty(states);
        }

        // It was acknowledged: a reconnect of the same session does not bring it back.
        await receiver.StopAsync(CancellationToken.None);
        await using var again = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, options.ClientId, cleanSession: false));
        await sender.PublishAsync(new MqttApplicationMessage(topic, "sentinel"u8.ToArray(), qos), CancellationToken.None).WaitAsync(Step);
        Assert.Equal("sentinel", Encoding.UTF8.GetString((await Wait.NextMessageAsync(again, Step)).Payload.Span));
    }

    [Fact]
    public async Task With_manual_acknowledgement_an_unacknowledged_message_comes_again_after_a_reconnect_and_an_acknowledged_one_does_not()
    {
        const string topic = "queue/test/manual-ack";
        var options = BrokerClients.Options(fixture.Broker, "manual-ack", cleanSession: false);
        var manual = new MqttClientOptions
        {
            Host = options.Host, Port = options.Port, ClientId = options.ClientId, Username = options.Username, Password = options.Password,
            CleanSession = false, ManualAcknowledgement = true, ReconnectMinDelay = options.ReconnectMinDelay, ReconnectMaxDelay = options.ReconnectMaxDelay,
        };
        await using var sender = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, "manual-ack-sender"));
        var first = await BrokerClients.ConnectedAsync(manual);
        await first.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);

        await sender.PublishAsync(new MqttApplicationMessage(topic, "done"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
        await sender.PublishAsync(new MqttApplicationMessage(topic, "not-done"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
        var done = await Wait.NextMessageAsync(first, Step);
        Assert.True(done.Acknowledge());
        Assert.False(done.Acknowledge());
        var notDone = await Wait.NextMessageAsync(first, Step);
        Assert.Equal("not-done", Encoding.UTF8.GetString(notDone.Payload.Span));

        // Flush the PUBACK: a round trip on the same connection comes after it.
        await first.SubscribeAsync([new MqttTopicFilter("queue/test/manual-ack-flush", MqttQos.AtLeastOnce)], CancellationToken.None).WaitAsync(Step);
        await first.DisposeAsync();

        await using var second = await BrokerClients.ConnectedAsync(manual);
        var redelivered = await Wait.NextMessageAsync(second, Step);
        Assert.Equal("not-done", Encoding.UTF8.GetString(redelivered.Payload.Span));
        Assert.True(redelivered.Acknowledge());
    }
}
