namespace Kiosk.Mqtt;

/// <summary>A message as the application sees it: what is published and what arrives on a subscription.</summary>
public sealed record MqttApplicationMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos = MqttQos.AtMostOnce, bool Retain = false);
