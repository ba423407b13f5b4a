using System.Text;
using Kiosk.Broker;
using Kiosk.Mqtt.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Mqtt.Tests.Client;

/// <summary>The client against the real Mosquitto of the foundation, with Mosquitto's own tools as witnesses.</summary>
[Collection(SharedBroker.CollectionName)]
public sealed class MosquittoTests(BrokerFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(MqttQos.AtMostOnce)]
    [InlineData(MqttQos.AtLeastOnce)]
    [InlineData(MqttQos.ExactlyOnce)]
    public async Task A_message_published_at_each_QoS_arrives_on_a_subscription(MqttQos qos)
    {
        var topic = $"queue/test/pubsub/{(int)qos}";
        await using var client = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, $"pubsub-{(int)qos}"));
        var granted = await client.SubscribeAsync([new MqttTopicFilter(topic, qos)], CancellationToken.None);
        Assert.Equal(qos, Assert.Single(granted).GrantedQos);

        for (var i = 0; i < 5; i++)
        {
            await client.PublishAsync(new MqttApplicationMessage(topic, Encoding.UTF8.GetBytes($"B-{i:000}"), qos), CancellationToken.None).WaitAsync(Step);
        }

        for (var i = 0; i < 5; i++)
        {
            var message = await Wait.NextMessageAsync(client, Step);
            Assert.Equal(topic, message.Topic);
            Assert.Equal(qos, message.Qos);
            Assert.Equal($"B-{i:000}", Encoding.UTF8.GetString(message.Payload.Span));
        }
    }

    [Theory]
    [InlineData(MqttQos.AtLeastOnce)]
    [InlineData(MqttQos.ExactlyOnce)]
    public async Task Publishes_complete_while_the_application_is_not_reading_its_full_queue(MqttQos qos)
    {
        // The application queue holds 5; 60 messages come back on our own subscription and nobody reads them yet.
        // Acknowledgements for our publishes must still be read behind them, or every PublishAsync waits forever.
        var topic = $"queue/test/backpressure/{(int)qos}";
        await using var client = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, $"backpressure-{(int)qos}", incomingQueueCapacity: 5));
        await client.SubscribeAsync([new MqttTopicFilter(topic, qos)], CancellationToken.None);

        for (var i = 0; i < 60; i++)
        {
            await client.PublishAsync(new MqttApplicationMessage(topic, Encoding.UTF8.GetBytes($"{i}"), qos), CancellationToken.None).WaitAsync(Step);
        }

        for (var i = 0; i < 60; i++)
        {
            var message = await Wait.NextMessageAsync(client, Step);
            Assert.Equal($"{i}", Encoding.UTF8.GetString(message.Payload.Span));
        }
    }

    [Fact]
    public async Task What_the_client_publishes_is_seen_by_mosquitto_sub_and_what_mosquitto_pub_sends_reaches_the_client()
    {
        var kiosk = fixture.For(BrokerRoles.Kiosk);
        await using var witness = await MosquittoSubscriber.StartAsync(fixture.Broker, kiosk, "queue/test/witness/out");
        await using var client = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, "witnessed"));
        await client.SubscribeAsync([new MqttTopicFilter("queue/test/witness/in", MqttQos.AtLeastOnce)], CancellationToken.None);

        await client.PublishAsync(new MqttApplicationMessage("queue/test/witness/out", "dari klien"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, "queue/test/witness/in", "dari mosquitto_pub");

        Assert.Equal(("queue/test/witness/out", "dari klien"), await witness.NextAsync(Step));
        Assert.Equal("dari mosquitto_pub", Encoding.UTF8.GetString((await Wait.NextMessageAsync(client, Step)).Payload.Span));
    }

    [Fact]
    public async Task A_retained_message_reaches_a_subscriber_that_comes_later()
    {
        var topic = "queue/test/display/retained";
        await using (var publisher = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, "retain-pub")))
        {
            await publisher.PublishAsync(new MqttApplicationMessage(topic, "A-012"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true), CancellationToken.None).WaitAsync(Step);
        }

        await using var late = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, "retain-sub"));
        await late.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);
        var message = await Wait.NextMessageAsync(late, Step);
        Assert.True(message.Retain);
        Assert.Equal("A-012", Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public async Task After_unsubscribe_messages_on_that_filter_no_longer_arrive()
    {
        await using var client = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, "unsub"));
        await client.SubscribeAsync([new MqttTopicFilter("queue/test/unsub/a", MqttQos.AtLeastOnce), new MqttTopicFilter("queue/test/unsub/b", MqttQos.AtLeastOnce)], CancellationToken.None);
        await client.UnsubscribeAsync(["queue/test/unsub/a"], CancellationToken.None).WaitAsync(Step);

        await client.PublishAsync(new MqttApplicationMessage("queue/test/unsub/a", "gone"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
        await client.PublishAsync(new MqttApplicationMessage("queue/test/unsub/b", "kept"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);

        // Same connection, so the broker forwards in order: if "gone" were still routed it would come first.
        var first = await Wait.NextMessageAsync(client, Step);
        Assert.Equal("queue/test/unsub/b", first.Topic);
    }

    [Fact]
    public async Task The_last_will_is_published_when_the_clients_connection_dies_without_DISCONNECT()
    {
        var kiosk = fixture.For(BrokerRoles.Kiosk);
        await using var witness = await MosquittoSubscriber.StartAsync(fixture.Broker, kiosk, "queue/test/kiosk/+/status");
        await using var proxy = new TcpProxy(fixture.Port);
        var will = new MqttApplicationMessage("queue/test/kiosk/k1/status", "offline"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true);
        var options = BrokerClients.Options(fixture.Broker, "will-kiosk", port: proxy.Port, will: will);
        await using var client = await BrokerClients.ConnectedAsync(options);
        await client.PublishAsync(new MqttApplicationMessage("queue/test/kiosk/k1/status", "online"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true), CancellationToken.None).WaitAsync(Step);
        Assert.Equal(("queue/test/kiosk/k1/status", "online"), await witness.NextAsync(Step));

        proxy.CutAll();

        Assert.Equal(("queue/test/kiosk/k1/status", "offline"), await witness.NextAsync(Step));
    }

    [Fact]
    public async Task A_persistent_session_delivers_what_was_published_while_the_client_was_away()
    {
        const string topic = "queue/test/persistent/events";
        var options = BrokerClients.Options(fixture.Broker, "persistent-counter", cleanSession: false);
        await using (var first = await BrokerClients.ConnectedAsync(options))
        {
            await first.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }

        var kiosk = fixture.For(BrokerRoles.Kiosk);
        for (var i = 1; i <= 3; i++)
        {
            await MosquittoClients.PublishAsync(fixture.Broker, kiosk, topic, $"away-{i}", qos: 1);
        }

        var back = new MqttClient(options);
        await using (back)
        {
            var states = new StateRecorder(back);
            await back.StartAsync(CancellationToken.None);
            var connected = await states.NextAsync(MqttConnectionState.Connected, Step);
            Assert.True(connected.SessionPresent);
            for (var i = 1; i <= 3; i++)
            {
                Assert.Equal($"away-{i}", Encoding.UTF8.GetString((await Wait.NextMessageAsync(back, Step)).Payload.Span));
            }
        }
    }

    [Fact]
    public async Task Wrong_credentials_are_reported_as_a_refused_connection_and_the_loop_keeps_trying()
    {
        var options = BrokerClients.Options(fixture.Broker, "bad-password");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClientId = options.ClientId,
            Username = options.Username,
            Password = "not-the-password",
            ReconnectMinDelay = options.ReconnectMinDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
        });
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);

        var first = await states.NextAsync(MqttConnectionState.Disconnected, Step);
        var refused = Assert.IsType<MqttConnectionRefusedException>(first.Error);
        Assert.Contains(refused.ReturnCode, new byte[] { 4, 5 });
        await states.NextAsync(MqttConnectionState.Connecting, Step);
    }

    [Fact]
    public async Task A_subscription_made_before_connecting_is_sent_once_so_the_retained_state_arrives_once()
    {
        const string topic = "queue/test/state-early";
        var kiosk = fixture.For(BrokerRoles.Kiosk);
        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, topic, "snapshot-1", qos: 1, retain: true);

        await using var client = new MqttClient(BrokerClients.Options(fixture.Broker, "early-subscriber"));
        var subscribed = client.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);
        await client.StartAsync(CancellationToken.None);
        Assert.True(Assert.Single(await subscribed.WaitAsync(Step)).Succeeded);
        Assert.Equal("snapshot-1", Encoding.UTF8.GetString((await Wait.NextMessageAsync(client, Step)).Payload.Span));

        // A duplicate SUBSCRIBE would have queued a second retained copy ahead of this live message.
        await client.PublishAsync(new MqttApplicationMessage(topic, "live"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
        var next = await Wait.NextMessageAsync(client, Step);
        Assert.Equal("live", Encoding.UTF8.GetString(next.Payload.Span));
        Assert.False(next.Retain);
    }
}
