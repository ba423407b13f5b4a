using System.Globalization;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Tests.Codec;

/// <summary>A field-by-field description of a packet, so round trips compare payload bytes and lists by value.</summary>
internal static class PacketText
{
    public static string Describe(MqttPacket packet) => packet switch
    {
        ConnectPacket c => $"CONNECT id={c.ClientId} clean={c.CleanSession} ka={c.KeepAliveSeconds} user={c.Username ?? "<none>"} pass={c.Password ?? "<none>"} will={(c.Will is null ? "<none>" : $"{c.Will.Topic}|{Hex(c.Will.Payload)}|{c.Will.Qos}|{c.Will.Retain}")}",
        PublishPacket p => $"PUBLISH {p.Topic} q={p.Qos} r={p.Retain} d={p.Dup} id={p.PacketId} {Hex(p.Payload)}",
        SubscribePacket s => $"SUBSCRIBE {s.PacketId} {string.Join(';', s.Filters.Select(f => $"{f.Filter}:{f.Qos}"))}",
        SubAckPacket s => $"SUBACK {s.PacketId} {Convert.ToHexString(s.ReturnCodes.ToArray())}",
        UnsubscribePacket u => $"UNSUBSCRIBE {u.PacketId} {string.Join(';', u.Filters)}",
        _ => packet.ToString(),
    };

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span).ToLower(CultureInfo.InvariantCulture);
}
