namespace Kiosk.Mqtt;

/// <summary>A QoS 0 publish was attempted while no connection is up (QoS 0 is never queued).</summary>
public sealed class MqttNotConnectedException : Exception
{
    public MqttNotConnectedException()
        : base("The MQTT client is not connected.")
    {
    }

    public MqttNotConnectedException(string message)
        : base(message)
    {
    }

    public MqttNotConnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
