namespace Kiosk.Mqtt;

/// <summary>
/// The peer sent bytes that are not valid MQTT 3.1.1 (or a packet this side must never receive).
/// The client drops the connection and reconnects; the process carries on.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException()
    {
    }

    public MqttProtocolException(string message)
        : base(message)
    {
    }

    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
