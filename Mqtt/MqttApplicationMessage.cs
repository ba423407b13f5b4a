namespace Kiosk.Mqtt;

/// <summary>A message as the application sees it: what is published and what arrives on a subscription.</summary>
public sealed record MqttApplicationMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos = MqttQos.AtMostOnce, bool Retain = false)
{
    /// <summary>Set on received QoS 1/2 messages when the client acknowledges manually; hands the PUBACK/PUBREC to the connection it came on.</summary>
    internal Func<bool>? Acknowledgement { get; init; }

    /// <summary>
    /// With <see cref="MqttClientOptions.ManualAcknowledgement"/>: acknowledges this received message to the broker.
    /// False when there is nothing to acknowledge, or the connection it came on is gone (the broker then delivers it
    /// again after the reconnect, so its handling must be idempotent).
    /// </summary>
    public bool Acknowledge() => Acknowledgement?.Invoke() ?? false;
}
