namespace Kiosk.Mqtt.Protocol;

/// <summary>What a client needs to know of a PUBLISH it will not read: where it came from, and how to acknowledge it.</summary>
public readonly record struct OversizedPublish(string Topic, MqttQos Qos, ushort PacketId, long TotalBytes);
