namespace Kiosk.Mqtt;

/// <summary>The broker's answer for one filter of a SUBSCRIBE (SUBACK return code).</summary>
public sealed record MqttSubscribeResult(string Filter, byte ReturnCode)
{
    /// <summary>SUBACK return code 0x80: the broker refused this filter (for Mosquitto: the ACL does not allow reading it).</summary>
    public const byte FailureCode = 0x80;

    public bool Succeeded => ReturnCode != FailureCode;

    /// <summary>The QoS the broker granted, or null when it refused the filter.</summary>
    public MqttQos? GrantedQos => Succeeded ? (MqttQos)ReturnCode : null;
}
