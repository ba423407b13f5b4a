using Kiosk.Broker;

namespace Kiosk.Mqtt.Bench;

internal static class Connection
{
    public static async Task<MqttClient> OpenAsync(PrivateBroker broker, BrokerCredentials user, string clientId, bool cleanSession = true)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = clientId,
            Username = user.Username,
            Password = user.Password,
            CleanSession = cleanSession,
            IncomingQueueCapacity = 10_000,

            // The kiosk's own setting (its broker is on the same Pi or LAN), so the crash case sees the kiosk's reconnect.
            ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
        });
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.NewState == MqttConnectionState.Connected)
            {
                connected.TrySetResult();
            }
        };
        await client.StartAsync(CancellationToken.None);
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return client;
    }
}
