namespace Kiosk.Mqtt;

/// <summary>How the client connects, and the bounds of its reconnect loop.</summary>
public sealed class MqttClientOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    /// <summary>MQTT 3.1.1 allows 1-23 characters [0-9a-zA-Z] everywhere; Mosquitto accepts longer UTF-8 ids.</summary>
    public string ClientId { get; init; } = string.Empty;

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>False keeps the broker session (subscriptions, queued QoS 1/2 messages) across reconnects.</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>PINGREQ when nothing was received (or sent) for this long; 0 turns keep-alive off.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for PINGRESP before the connection is declared dead; null = half the keep-alive.</summary>
    public TimeSpan? PingTimeout { get; init; }

    /// <summary>Published by the broker when this client vanishes without DISCONNECT.</summary>
    public MqttApplicationMessage? Will { get; init; }

    public MqttTlsOptions? Tls { get; init; }

    /// <summary>First back-off after a failed or lost connection; doubles up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP + TLS + CONNACK must complete within this.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest PUBLISH the application is given (fixed header included). A larger one is read past, logged, dropped and
    /// acknowledged, so it can never cost the connection (or come back at every reconnect); any other packet that large
    /// is a protocol error.
    /// </summary>
    public int MaxPacketSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// False: a QoS 1/2 message is acknowledged once it is in <see cref="IMqttClient.Messages"/>. True: only when the
    /// application calls <see cref="MqttApplicationMessage.Acknowledge"/>, e.g. after committing its effect, so a crash
    /// before that means a redelivery. Acknowledge in the order messages arrive (MQTT 3.1.1 4.6).
    /// </summary>
    public bool ManualAcknowledgement { get; init; }

    /// <summary>Received messages waiting for the application; when full, reading from the broker pauses (back-pressure).</summary>
    public int IncomingQueueCapacity { get; init; } = 1000;

    /// <summary>QoS 1/2 publishes awaiting their acknowledgement at once; more wait in the session queue.</summary>
    public int MaxInflightMessages { get; init; } = 1024;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("MqttClientOptions.Host is empty.");
        }

        if (Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"MqttClientOptions.Port {Port} is not a TCP port.");
        }

        if (ClientId.Length == 0 && !CleanSession)
        {
            throw new ArgumentException("A persistent session (CleanSession = false) needs a ClientId.");
        }

        if (KeepAlive < TimeSpan.Zero || KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            throw new ArgumentException($"MqttClientOptions.KeepAlive {KeepAlive} must be 0..65535 s.");
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            throw new ArgumentException($"Reconnect delays must satisfy 0 < min ({ReconnectMinDelay}) <= max ({ReconnectMaxDelay}).");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MqttClientOptions.ConnectTimeout must be positive.");
        }

        if (MaxPacketSize < 16)
        {
            throw new ArgumentException($"MqttClientOptions.MaxPacketSize {MaxPacketSize} is too small.");
        }

        if (IncomingQueueCapacity < 1 || MaxInflightMessages is < 1 or > 65535)
        {
            throw new ArgumentException("IncomingQueueCapacity must be >= 1 and MaxInflightMessages 1..65535.");
        }

        if (Will is not null)
        {
            MqttTopic.ValidateTopicName(Will.Topic);
            if (Will.Payload.Length > ushort.MaxValue)
            {
                throw new ArgumentException($"The will payload has {Will.Payload.Length} bytes; MQTT 3.1.1 allows 65535.");
            }
        }

        foreach (var (name, value) in new[] { ("ClientId", ClientId), ("Username", Username), ("Password", Password) })
        {
            if (value is not null && System.Text.Encoding.UTF8.GetByteCount(value) > ushort.MaxValue)
            {
                throw new ArgumentException($"MqttClientOptions.{name} is longer than MQTT's 65535 bytes.");
            }
        }
    }
}
