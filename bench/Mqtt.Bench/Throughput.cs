using System.Diagnostics;
using Kiosk.Broker;

namespace Kiosk.Mqtt.Bench;

internal static class Throughput
{
    /// <summary>Connect, publish every message, disconnect: the same span mosquitto_pub's process covers.</summary>
    public static async Task<double> KioskClientAsync(PrivateBroker broker, BrokerCredentials user, MqttQos qos, int messages, byte[] payload)
    {
        var clock = Stopwatch.StartNew();
        await using var client = await Connection.OpenAsync(broker, user, $"bench-tput-{(int)qos}");
        var message = new MqttApplicationMessage(BenchTopics.Throughput, payload, qos);
        if (qos == MqttQos.AtMostOnce)
        {
            for (var i = 0; i < messages; i++)
            {
                await client.PublishAsync(message, CancellationToken.None);
            }
        }
        else
        {
            var pending = new Task[messages];
            for (var i = 0; i < messages; i++)
            {
                pending[i] = client.PublishAsync(message, CancellationToken.None);
            }

            await Task.WhenAll(pending);
        }

        // StopAsync flushes every written byte and DISCONNECT before it returns.
        await client.StopAsync(CancellationToken.None);
        return messages / clock.Elapsed.TotalSeconds;
    }
}
