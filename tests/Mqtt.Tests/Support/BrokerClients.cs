using Kiosk.Broker;

namespace Kiosk.Mqtt.Tests.Support;

internal static class BrokerClients
{
    /// <summary>Options for a client of a private Mosquitto as a role user, with short back-off bounds for tests.</summary>
    public static MqttClientOptions Options(PrivateBroker broker, string clientId, string role = BrokerRoles.Kiosk, bool cleanSession = true, int? port = null, MqttApplicationMessage? will = null, int incomingQueueCapacity = 1000) => new()
    {
        IncomingQueueCapacity = incomingQueueCapacity,
        Host = broker.Host,
        Port = port ?? broker.Port,
        ClientId = clientId,
        Username = broker.For(role).Username,
        Password = broker.For(role).Password,
        CleanSession = cleanSession,
        KeepAlive = TimeSpan.FromSeconds(10),
        Will = will,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<MqttClient> ConnectedAsync(MqttClientOptions options)
    {
        var client = new MqttClient(options);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.NewState == MqttConnectionState.Connected)
            {
                connected.TrySetResult();
            }
        };
        await client.StartAsync(CancellationToken.None);
        await Wait.ForAsync(connected.Task, TimeSpan.FromSeconds(15), $"{options.ClientId} to connect to {options.Host}:{options.Port}");
        return client;
    }
}
