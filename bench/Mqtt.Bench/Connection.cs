using Kiosk.Broker;

namespace Kiosk.Mqtt.Bench;

internal static class Connection
{
    public static async Task<MqttClient> OpenAsync(PrivateBroker broker, BrokerCredentials user, string clientId)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = clientId,
            Username = user.Username,
            Password = user.Password,
            IncomingQueueCapacity = 10_000,
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
