namespace Kiosk.Mqtt.Protocol;

/// <summary>One decoded MQTT 3.1.1 control packet. The 14 kinds are the sealed records below.</summary>
public abstract record MqttPacket
{
    public abstract MqttPacketType Type { get; }
}

/// <summary>Will carried by CONNECT.</summary>
public sealed record MqttWill(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos, bool Retain);

public sealed record ConnectPacket(string ClientId, bool CleanSession, ushort KeepAliveSeconds, string? Username, string? Password, MqttWill? Will) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;
}

public sealed record ConnAckPacket(bool SessionPresent, byte ReturnCode) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;
}

public sealed record PublishPacket(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos, bool Retain, bool Dup, ushort PacketId) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;
}

/// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a fixed header and a packet id, nothing else.</summary>
public abstract record MqttPacketIdPacket(ushort PacketId) : MqttPacket;

public sealed record PubAckPacket(ushort PacketId) : MqttPacketIdPacket(PacketId)
{
    public override MqttPacketType Type => MqttPacketType.PubAck;
}

public sealed record PubRecPacket(ushort PacketId) : MqttPacketIdPacket(PacketId)
{
    public override MqttPacketType Type => MqttPacketType.PubRec;
}

public sealed record PubRelPacket(ushort PacketId) : MqttPacketIdPacket(PacketId)
{
    public override MqttPacketType Type => MqttPacketType.PubRel;
}

public sealed record PubCompPacket(ushort PacketId) : MqttPacketIdPacket(PacketId)
{
    public override MqttPacketType Type => MqttPacketType.PubComp;
}

public sealed record UnsubAckPacket(ushort PacketId) : MqttPacketIdPacket(PacketId)
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;
}

public sealed record SubscribePacket(ushort PacketId, IReadOnlyList<MqttTopicFilter> Filters) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;
}

public sealed record SubAckPacket(ushort PacketId, IReadOnlyList<byte> ReturnCodes) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.SubAck;
}

public sealed record UnsubscribePacket(ushort PacketId, IReadOnlyList<string> Filters) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;
}

public sealed record PingReqPacket : MqttPacket
{
    public static readonly PingReqPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.PingReq;
}

public sealed record PingRespPacket : MqttPacket
{
    public static readonly PingRespPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.PingResp;
}

public sealed record DisconnectPacket : MqttPacket
{
    public static readonly DisconnectPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.Disconnect;
}
