using Kiosk.Broker;
using Kiosk.Mqtt;

namespace Kiosk.Simulator.Messaging;

/// <summary>Connects to the session's broker as one of the site's roles (display, counter-N), as a loket PC or a display would.</summary>
public static class RoleConnection
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The topic filters a role may read, from the site ACL: what the broker delivers to it.</summary>
    public static string[] ReadableTopics(string site, string role)
    {
        var root = $"queue/{site}";
        string[] shared = [$"{root}/state", $"{root}/events", $"{root}/kiosk/+/status", $"{root}/display/+"];
        return role.StartsWith("counter-", StringComparison.Ordinal) ? [.. shared, $"{root}/counter/{role["counter-".Length..]}/reply"] : shared;
    }

    public static async Task<IMqttClient> ConnectAsync(PrivateBroker broker, string role, string clientId, IReadOnlyList<string> filters, CancellationToken cancellationToken, bool cleanSession = true)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(filters);
        var user = broker.For(role);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = clientId,
            Username = user.Username,
            Password = user.Password,
            CleanSession = cleanSession,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        });
        client.StateChanged += (_, change) =>
        {
            if (change.NewState == MqttConnectionState.Connected)
            {
                connected.TrySetResult();
            }
        };
        try
        {
            await client.StartAsync(cancellationToken);
            await connected.Task.WaitAsync(ConnectTimeout, cancellationToken);
            if (filters.Count > 0)
            {
                await client.SubscribeAsync(filters.Select(f => new MqttTopicFilter(f, MqttQos.AtLeastOnce)).ToArray(), cancellationToken);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
