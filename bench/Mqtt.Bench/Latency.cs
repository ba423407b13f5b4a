using System.Diagnostics;
using Kiosk.Broker;

namespace Kiosk.Mqtt.Bench;

internal readonly record struct Percentiles(double P50, double P99)
{
    public static Percentiles Of(List<double> microseconds)
    {
        microseconds.Sort();
        return new Percentiles(At(microseconds, 0.50), At(microseconds, 0.99));
    }

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}

internal static class Latency
{
    private const int WarmUp = 200;

    /// <summary>One message at a time: publish at QoS 1, wait for it to come back on the client's own QoS 1 subscription.</summary>
    public static async Task<Percentiles> KioskClientAsync(PrivateBroker broker, BrokerCredentials user, int roundTrips, byte[] payload)
    {
        await using var client = await Connection.OpenAsync(broker, user, "bench-rtt");
        var topic = BenchTopics.RoundTrip;
        await client.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);
        var message = new MqttApplicationMessage(topic, payload, MqttQos.AtLeastOnce);
        var samples = new List<double>(roundTrips);
        for (var i = 0; i < roundTrips + WarmUp; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = client.PublishAsync(message, CancellationToken.None);
            await client.Messages.ReadAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i >= WarmUp)
            {
                samples.Add(elapsed);
            }
        }

        await client.StopAsync(CancellationToken.None);
        return Percentiles.Of(samples);
    }
}
