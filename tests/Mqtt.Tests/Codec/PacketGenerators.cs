using FsCheck;
using FsCheck.Fluent;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Tests.Codec;

/// <summary>FsCheck generators for every MQTT 3.1.1 packet the codec knows, within the protocol's own rules.</summary>
internal static class PacketGenerators
{
    private static readonly string[] Levels = ["queue", "pkm-kokop", "state", "events", "antrian", "loket-1", "é", "日本", "🙂", "a b", "$SYS"];

    public static Gen<ushort> PacketId => Gen.Choose(1, 65535).Select(i => (ushort)i);

    public static Gen<MqttQos> Qos => Gen.Elements(MqttQos.AtMostOnce, MqttQos.AtLeastOnce, MqttQos.ExactlyOnce);

    public static Gen<byte[]> Bytes(int max) => Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    public static Gen<string> Topic =>
        Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(Gen.Elements(Levels), n)).Select(levels => string.Join('/', levels)).Where(t => !t.StartsWith("$SYS/$", StringComparison.Ordinal));

    public static Gen<string> Filter =>
        Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(Gen.Frequency((5, Gen.Elements(Levels)), (2, Gen.Constant("+"))), n))
            .SelectMany(levels => Gen.Elements(true, false).Select(hash => string.Join('/', hash ? [.. levels, "#"] : levels)));

    public static Gen<string?> OptionalText => Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Gen.Elements<string?>("", "kiosk", "counter-1", "pässwörd", "🙂🙂")));

    public static Gen<MqttPacket> Any => Gen.OneOf(
        Connect, ConnAck, Publish,
        PacketId.Select(id => (MqttPacket)new PubAckPacket(id)),
        PacketId.Select(id => (MqttPacket)new PubRecPacket(id)),
        PacketId.Select(id => (MqttPacket)new PubRelPacket(id)),
        PacketId.Select(id => (MqttPacket)new PubCompPacket(id)),
        Subscribe, SubAck, Unsubscribe,
        PacketId.Select(id => (MqttPacket)new UnsubAckPacket(id)),
        Gen.Constant<MqttPacket>(PingReqPacket.Instance),
        Gen.Constant<MqttPacket>(PingRespPacket.Instance),
        Gen.Constant<MqttPacket>(DisconnectPacket.Instance));

    public static Gen<MqttPacket> Connect =>
        from clientId in Gen.Elements("", "kiosk-01", "loket-1", "perangkat-é")
        from clean in Gen.Elements(true, false)
        from keepAlive in Gen.Choose(0, 65535)
        from user in OptionalText
        from password in OptionalText
        from hasWill in Gen.Elements(true, false)
        from willTopic in Topic
        from willPayload in Bytes(64)
        from willQos in Qos
        from willRetain in Gen.Elements(true, false)
        select (MqttPacket)new ConnectPacket(clientId, clean, (ushort)keepAlive, user, user is null ? null : password, hasWill ? new MqttWill(willTopic, willPayload, willQos, willRetain) : null);

    public static Gen<MqttPacket> ConnAck =>
        from code in Gen.Choose(0, 5)
        from present in Gen.Elements(true, false)
        select (MqttPacket)new ConnAckPacket(code == 0 && present, (byte)code);

    public static Gen<MqttPacket> Publish =>
        from topic in Topic
        from payload in Gen.Frequency((6, Bytes(300)), (1, Bytes(20_000)))
        from qos in Qos
        from retain in Gen.Elements(true, false)
        from dup in Gen.Elements(true, false)
        from id in PacketId
        select (MqttPacket)new PublishPacket(topic, payload, qos, retain, qos != MqttQos.AtMostOnce && dup, qos == MqttQos.AtMostOnce ? (ushort)0 : id);

    public static Gen<MqttPacket> Subscribe =>
        from id in PacketId
        from count in Gen.Choose(1, 6)
        from filters in Gen.ArrayOf(Filter.Zip(Qos, (f, q) => new MqttTopicFilter(f, q)), count)
        select (MqttPacket)new SubscribePacket(id, filters);

    public static Gen<MqttPacket> SubAck =>
        from id in PacketId
        from count in Gen.Choose(1, 6)
        from codes in Gen.ArrayOf(Gen.Elements<byte>(0, 1, 2, 0x80), count)
        select (MqttPacket)new SubAckPacket(id, codes);

    public static Gen<MqttPacket> Unsubscribe =>
        from id in PacketId
        from count in Gen.Choose(1, 6)
        from filters in Gen.ArrayOf(Filter, count)
        select (MqttPacket)new UnsubscribePacket(id, filters);
}
