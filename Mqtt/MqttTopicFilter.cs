namespace Kiosk.Mqtt;

/// <summary>A subscription request: a topic filter (may contain <c>+</c> and <c>#</c>) and the maximum QoS wanted.</summary>
public sealed record MqttTopicFilter(string Filter, MqttQos Qos = MqttQos.AtMostOnce);
