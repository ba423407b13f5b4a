using System.Diagnostics;
using Kiosk.Broker;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NetClient = MQTTnet.IMqttClient;
using NetClientFactory = MQTTnet.MqttClientFactory;
using NetMessage = MQTTnet.MqttApplicationMessage;
using NetMessageBuilder = MQTTnet.MqttApplicationMessageBuilder;
using NetOptions = MQTTnet.MqttClientOptions;
using NetOptionsBuilder = MQTTnet.MqttClientOptionsBuilder;

namespace Kiosk.Mqtt.Bench;

/// <summary>MQTTnet 5, the package the design card names, as a second client in the same run against the same broker.</summary>
internal static class MqttNetClient
{
    /// <summary>Same span as the Kiosk.Mqtt figure: connect, publish every message at QoS 1, disconnect.</summary>
    public static async Task<double> ThroughputAsync(PrivateBroker broker, BrokerCredentials user, int messages, byte[] payload, int maxInflight)
    {
        var clock = Stopwatch.StartNew();
        using var client = new NetClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(broker, user, "bench-tput-mqttnet", cleanSession: true));
        var message = new NetMessageBuilder()
            .WithTopic(BenchTopics.Throughput)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

        // The same window as Kiosk.Mqtt's MaxInflightMessages: MQTTnet has none of its own, and more than 65,535
        // unacknowledged publishes would reuse packet ids.
        using var window = new SemaphoreSlim(maxInflight);
        var pending = new Task[messages];
        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync();
            pending[i] = PublishAndReleaseAsync(client, message, window);
        }

        await Task.WhenAll(pending);
        await client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions(), CancellationToken.None);
        return messages / clock.Elapsed.TotalSeconds;
    }

    public static NetOptions Options(PrivateBroker broker, BrokerCredentials user, string clientId, bool cleanSession) =>
        new NetOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCredentials(user.Username, user.Password)
            .WithCleanSession(cleanSession)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    private static async Task PublishAndReleaseAsync(NetClient client, NetMessage message, SemaphoreSlim window)
    {
        try
        {
            var result = await client.PublishAsync(message, CancellationToken.None);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"MQTTnet publish not acknowledged: {result.ReasonCode}");
            }
        }
        finally
        {
            window.Release();
        }
    }
}
