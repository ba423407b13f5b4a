using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kiosk.Broker;
using Kiosk.Mqtt.Tests.Support;

namespace Kiosk.Mqtt.Tests.Client;

public sealed class BrokerRestartTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_broker_killed_and_restarted_during_1000_QoS1_publishes_loses_none_of_them()
    {
        // Mosquitto keeps messages beyond a subscriber's in-flight window (100 in the base config) only in RAM until the
        // next autosave, so a SIGKILL can lose messages it has already PUBACKed: a broker property no client can repair.
        // Without the window every message goes straight onto the subscriber's socket, and the test measures the clients.
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "test", ExtraConfigLines = ["max_inflight_messages 0"] });
        const string topic = "queue/test/stream";
        await using var subscriber = await BrokerClients.ConnectedAsync(BrokerClients.Options(broker, "stream-sub", cleanSession: false));
        var subscriberStates = new StateRecorder(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);

        // A power cut loses what Mosquitto has not saved yet; wait until its persistence file holds the subscription.
        var database = Path.Combine(broker.WorkDirectory, "data", "mosquitto.db");
        var subscribedAt = DateTime.UtcNow;
        await Wait.UntilAsync(() => File.Exists(database) && File.GetLastWriteTimeUtc(database) > subscribedAt, Step, "Mosquitto to save the subscriber's session");

        var received = new ConcurrentDictionary<int, int>();
        var reading = Task.Run(async () =>
        {
            await foreach (var message in subscriber.Messages.ReadAllAsync())
            {
                received.AddOrUpdate(int.Parse(Encoding.UTF8.GetString(message.Payload.Span), CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            }
        });

        await using var publisher = await BrokerClients.ConnectedAsync(BrokerClients.Options(broker, "stream-pub"));
        var publisherStates = new StateRecorder(publisher);
        var publishes = new List<Task>();
        void Publish(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                publishes.Add(publisher.PublishAsync(new MqttApplicationMessage(topic, Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)), MqttQos.AtLeastOnce), CancellationToken.None));
            }
        }

        // Kill while part of the first batch is still unacknowledged, publish more while the broker is down, then the rest.
        Publish(0, 500);
        await Wait.UntilAsync(() => publishes.Count(p => p.IsCompletedSuccessfully) >= 100, Step, "the first 100 PUBACKs");
        await broker.KillAsync();
        await publisherStates.NextAsync(MqttConnectionState.Disconnected, Step);
        Publish(500, 750);
        await broker.RestartAsync();
        await publisherStates.NextAsync(MqttConnectionState.Connected, Step);
        Publish(750, 1000);

        await Wait.ForAsync(Task.WhenAll(publishes), Step, "every publish to be acknowledged");
        try
        {
            await Wait.UntilAsync(() => received.Count == 1000, Step, "all 1000 messages at the subscriber");
        }
        catch (TimeoutException ex)
        {
            var states = string.Join("; ", subscriberStates.All.Select(c => $"{c.NewState} present={c.SessionPresent} ({c.Reason})"));
            var missing = string.Join(",", Enumerable.Range(0, 1000).Where(i => !received.ContainsKey(i)));
            throw new TimeoutException($"{ex.Message}: have {received.Count}, missing {missing}. Subscriber: {states}. Broker log:\n{broker.ReadLog()}", ex);
        }

        Assert.Equal(Enumerable.Range(0, 1000), received.Keys.Order());
        await subscriber.StopAsync(CancellationToken.None);
        await reading.WaitAsync(Step);
    }
}
