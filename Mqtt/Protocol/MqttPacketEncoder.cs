using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Kiosk.Mqtt.Protocol;

/// <summary>
/// Writes MQTT 3.1.1 packets straight into an <see cref="IBufferWriter{T}"/>: the size is computed first, then the
/// packet is laid out in one span, so encoding allocates nothing.
/// </summary>
public static class MqttPacketEncoder
{
    private static ReadOnlySpan<byte> ProtocolName => "\0\u0004MQTT"u8;

    public static void Write(MqttPacket packet, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        switch (packet)
        {
            case PublishPacket publish:
                WritePublish(publish.Topic, publish.Payload.Span, publish.Qos, publish.Retain, publish.Dup, publish.PacketId, output);
                break;
            case MqttPacketIdPacket ack:
                WriteIdOnly(ack.Type, ack.PacketId, output);
                break;
            case PingReqPacket or PingRespPacket or DisconnectPacket:
                var empty = output.GetSpan(2);
                empty[0] = (byte)((byte)packet.Type << 4);
                empty[1] = 0;
                output.Advance(2);
                break;
            case ConnAckPacket connAck:
                var span = output.GetSpan(4);
                span[0] = 0x20;
                span[1] = 2;
                span[2] = connAck.SessionPresent ? (byte)1 : (byte)0;
                span[3] = connAck.ReturnCode;
                output.Advance(4);
                break;
            case ConnectPacket connect:
                WriteConnect(connect, output);
                break;
            case SubscribePacket subscribe:
                WriteSubscribe(subscribe, output);
                break;
            case SubAckPacket subAck:
                WriteSubAck(subAck, output);
                break;
            case UnsubscribePacket unsubscribe:
                WriteUnsubscribe(unsubscribe, output);
                break;
            default:
                throw new ArgumentException($"Unknown packet {packet.GetType().Name}.", nameof(packet));
        }
    }

    public static byte[] ToArray(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(packet, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>PUBLISH without building a <see cref="PublishPacket"/> first (the hot path of the client).</summary>
    public static void WritePublish(string topic, ReadOnlySpan<byte> payload, MqttQos qos, bool retain, bool dup, ushort packetId, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (qos is < MqttQos.AtMostOnce or > MqttQos.ExactlyOnce)
        {
            throw new ArgumentOutOfRangeException(nameof(qos));
        }

        var topicBytes = StringSize(topic);
        var remaining = topicBytes + (qos > MqttQos.AtMostOnce ? 2 : 0) + payload.Length;
        var span = Begin(output, (byte)(0x30 | (dup ? 0x08 : 0) | ((int)qos << 1) | (retain ? 1 : 0)), remaining, out var pos, out var total);
        pos += WriteString(span[pos..], topic);
        if (qos > MqttQos.AtMostOnce)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[pos..], packetId);
            pos += 2;
        }

        payload.CopyTo(span[pos..]);
        output.Advance(total);
    }

    private static void WriteIdOnly(MqttPacketType type, ushort packetId, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(4);
        span[0] = (byte)(((byte)type << 4) | (type == MqttPacketType.PubRel ? 0x02 : 0));
        span[1] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], packetId);
        output.Advance(4);
    }

    private static void WriteConnect(ConnectPacket connect, IBufferWriter<byte> output)
    {
        var remaining = ProtocolName.Length + 1 + 1 + 2 + StringSize(connect.ClientId);
        byte flags = 0;
        if (connect.CleanSession)
        {
            flags |= 0x02;
        }

        if (connect.Will is { } will)
        {
            flags |= (byte)(0x04 | ((int)will.Qos << 3) | (will.Retain ? 0x20 : 0));
            remaining += StringSize(will.Topic) + BinarySize(will.Payload.Length);
        }

        if (connect.Username is not null)
        {
            flags |= 0x80;
            remaining += StringSize(connect.Username);
        }

        if (connect.Password is not null)
        {
            flags |= 0x40;
            remaining += StringSize(connect.Password);
        }

        var span = Begin(output, 0x10, remaining, out var pos, out var total);
        ProtocolName.CopyTo(span[pos..]);
        pos += ProtocolName.Length;
        span[pos++] = 4;
        span[pos++] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], connect.KeepAliveSeconds);
        pos += 2;
        pos += WriteString(span[pos..], connect.ClientId);
        if (connect.Will is { } w)
        {
            pos += WriteString(span[pos..], w.Topic);
            BinaryPrimitives.WriteUInt16BigEndian(span[pos..], (ushort)w.Payload.Length);
            pos += 2;
            w.Payload.Span.CopyTo(span[pos..]);
            pos += w.Payload.Length;
        }

        if (connect.Username is not null)
        {
            pos += WriteString(span[pos..], connect.Username);
        }

        if (connect.Password is not null)
        {
            WriteString(span[pos..], connect.Password);
        }

        output.Advance(total);
    }

    private static void WriteSubscribe(SubscribePacket subscribe, IBufferWriter<byte> output)
    {
        var remaining = 2;
        foreach (var filter in subscribe.Filters)
        {
            remaining += StringSize(filter.Filter) + 1;
        }

        var span = Begin(output, 0x82, remaining, out var pos, out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], subscribe.PacketId);
        pos += 2;
        foreach (var filter in subscribe.Filters)
        {
            pos += WriteString(span[pos..], filter.Filter);
            span[pos++] = (byte)filter.Qos;
        }

        output.Advance(total);
    }

    private static void WriteSubAck(SubAckPacket subAck, IBufferWriter<byte> output)
    {
        var span = Begin(output, 0x90, 2 + subAck.ReturnCodes.Count, out var pos, out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], subAck.PacketId);
        pos += 2;
        foreach (var code in subAck.ReturnCodes)
        {
            span[pos++] = code;
        }

        output.Advance(total);
    }

    private static void WriteUnsubscribe(UnsubscribePacket unsubscribe, IBufferWriter<byte> output)
    {
        var remaining = 2;
        foreach (var filter in unsubscribe.Filters)
        {
            remaining += StringSize(filter);
        }

        var span = Begin(output, 0xA2, remaining, out var pos, out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], unsubscribe.PacketId);
        pos += 2;
        foreach (var filter in unsubscribe.Filters)
        {
            pos += WriteString(span[pos..], filter);
        }

        output.Advance(total);
    }

    /// <summary>Reserves the whole packet and writes the fixed header; returns the span and where the body starts.</summary>
    private static Span<byte> Begin(IBufferWriter<byte> output, byte firstByte, int remaining, out int pos, out int total)
    {
        if (remaining > MqttPacketDecoder.MaxRemainingLength)
        {
            throw new ArgumentException($"Packet of {remaining} bytes exceeds MQTT's 256 MB limit.");
        }

        var lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        total = 1 + lengthBytes + remaining;
        var span = output.GetSpan(total);
        span[0] = firstByte;
        pos = 1;
        var value = remaining;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                digit |= 0x80;
            }

            span[pos++] = digit;
        }
        while (value > 0);
        return span;
    }

    private static int StringSize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return BinarySize(Encoding.UTF8.GetByteCount(value));
    }

    private static int BinarySize(int length)
    {
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"A string or binary field of {length} bytes exceeds MQTT's 65535-byte limit.");
        }

        return 2 + length;
    }

    private static int WriteString(Span<byte> span, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, span[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        return 2 + length;
    }
}
