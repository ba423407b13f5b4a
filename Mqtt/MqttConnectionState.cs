namespace Kiosk.Mqtt;

public enum MqttConnectionState
{
    /// <summary>Not connected; the loop waits for its back-off before the next attempt (or has not started).</summary>
    Disconnected,

    /// <summary>TCP/TLS connect and CONNECT/CONNACK in progress.</summary>
    Connecting,

    /// <summary>CONNACK accepted; the connection is judged alive by what it receives.</summary>
    Connected,

    /// <summary>StopAsync or DisposeAsync ended the loop; the client will not connect again.</summary>
    Stopped,
}
