namespace Kiosk.Mqtt;

/// <summary>The broker answered CONNECT with a non-zero CONNACK return code (bad credentials, not authorised...).</summary>
public sealed class MqttConnectionRefusedException : Exception
{
    public MqttConnectionRefusedException()
    {
    }

    public MqttConnectionRefusedException(string message)
        : base(message)
    {
    }

    public MqttConnectionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttConnectionRefusedException(byte returnCode)
        : base($"The broker refused the connection: CONNACK {returnCode} ({Describe(returnCode)}).")
    {
        ReturnCode = returnCode;
    }

    public byte ReturnCode { get; }

    public static string Describe(byte returnCode) => returnCode switch
    {
        0 => "accepted",
        1 => "unacceptable protocol version",
        2 => "client identifier rejected",
        3 => "server unavailable",
        4 => "bad user name or password",
        5 => "not authorised",
        _ => "unknown return code",
    };
}
