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
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "test" });
        const string topic = "queue/test/stream";
        await using var subscriber = await BrokerClients.ConnectedAsync(BrokerClients.Options(broker, "stream-sub", cleanSession: false));
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
        Publish(500, 750);
        await broker.RestartAsync();
        Publish(750, 1000);

        await Wait.ForAsync(Task.WhenAll(publishes), Step, "every publish to be acknowledged");
        await Wait.UntilAsync(() => received.Count == 1000, Step, $"all 1000 messages at the subscriber (have {received.Count})");
        Assert.Equal(Enumerable.Range(0, 1000), received.Keys.Order());
        await subscriber.StopAsync(CancellationToken.None);
        await reading.WaitAsync(Step);
    }
}
