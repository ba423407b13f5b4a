using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kiosk.Mqtt.Protocol;

/// <summary>
/// Strict MQTT 3.1.1 decoder over <see cref="ReadOnlySequence{T}"/> (as a PipeReader hands it out).
/// Anything that is not a well-formed packet throws <see cref="MqttProtocolException"/>; nothing else escapes.
/// </summary>
public static class MqttPacketDecoder
{
    /// <summary>Largest value four remaining-length bytes can carry (268,435,455).</summary>
    public const int MaxRemainingLength = 268_435_455;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes one packet from the front of <paramref name="buffer"/> and slices it off. Returns false when the
    /// packet is not complete yet (nothing consumed). Header errors (bad length, oversize, wrong flags) are
    /// reported as soon as the fixed header is readable, before waiting for the body.
    /// </summary>
    public static bool TryDecode(ref ReadOnlySequence<byte> buffer, int maxPacketSize, [NotNullWhen(true)] out MqttPacket? packet)
    {
        packet = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var header))
        {
            return false;
        }

        ValidateFixedHeader(header);
        switch (ReadRemainingLength(ref reader, out var remaining))
        {
            case LengthRead.NeedMore:
                return false;
            case LengthRead.Malformed:
                throw new MqttProtocolException("Malformed remaining length: more than four bytes.");
        }

        var total = reader.Consumed + remaining;
        if (total > maxPacketSize)
        {
            throw new MqttProtocolException($"Packet of {total} bytes exceeds the {maxPacketSize}-byte limit.");
        }

        if (reader.Remaining < remaining)
        {
            return false;
        }

        var body = buffer.Slice(reader.Position, remaining);
        if (body.IsSingleSegment)
        {
            packet = ParseBody(header, body.FirstSpan);
        }
        else
        {
            var rented = ArrayPool<byte>.Shared.Rent(remaining);
            try
            {
                body.CopyTo(rented);
                packet = ParseBody(header, rented.AsSpan(0, remaining));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        buffer = buffer.Slice(body.End);
        return true;
    }

    private enum LengthRead
    {
        Complete,
        NeedMore,
        Malformed,
    }

    /// <summary>The fixed header's remaining length: 1 to 4 bytes of 7 bits each, least significant first (MQTT 3.1.1, 2.2.3).</summary>
    private static LengthRead ReadRemainingLength(ref SequenceReader<byte> reader, out int remaining)
    {
        remaining = 0;
        var multiplier = 1;
        for (var count = 1; ; count++)
        {
            if (!reader.TryRead(out var digit))
            {
                return LengthRead.NeedMore;
            }

            remaining += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0)
            {
                return LengthRead.Complete;
            }

            if (count == 4)
            {
                return LengthRead.Malformed;
            }

            multiplier *= 128;
        }
    }

    /// <summary>
    /// Looks at the front of <paramref name="buffer"/> for a PUBLISH larger than <paramref name="maxPacketSize"/>, so the
    /// caller can read past it and acknowledge it instead of losing the connection: a broker redelivers an unacknowledged
    /// message at every reconnect, so one oversized message would otherwise cut the connection forever.
    /// Returns false when the front is not an oversized PUBLISH, or when its topic and packet id have not arrived yet
    /// (<paramref name="needMore"/> true). Nothing is consumed.
    /// </summary>
    public static bool TryPeekOversizedPublish(in ReadOnlySequence<byte> buffer, int maxPacketSize, out OversizedPublish publish, out bool needMore)
    {
        publish = default;
        needMore = false;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var header) || (MqttPacketType)(header >> 4) != MqttPacketType.Publish)
        {
            return false;
        }

        if (ReadRemainingLength(ref reader, out var remaining) != LengthRead.Complete)
        {
            return false;
        }

        var total = reader.Consumed + remaining;
        if (total <= maxPacketSize)
        {
            return false;
        }

        ValidateFixedHeader(header);
        var qos = (MqttQos)((header >> 1) & 0x03);
        if (!reader.TryReadBigEndian(out short topicLength))
        {
            needMore = true;
            return false;
        }

        var idLength = qos > MqttQos.AtMostOnce ? 2 : 0;
        if ((ushort)topicLength + idLength + 2 > remaining)
        {
            throw new MqttProtocolException("PUBLISH topic runs past the end of the packet.");
        }

        if (reader.Remaining < (ushort)topicLength + idLength)
        {
            needMore = true;
            return false;
        }

        var topicBytes = new byte[(ushort)topicLength];
        reader.TryCopyTo(topicBytes);
        reader.Advance(topicBytes.Length);
        ushort packetId = 0;
        if (idLength > 0)
        {
            reader.TryReadBigEndian(out short id);
            packetId = (ushort)id;
            if (packetId == 0)
            {
                throw new MqttProtocolException("Packet identifier 0 is not allowed.");
            }
        }

        // The topic is for the log line only: a broken one must not turn a droppable message into a protocol error.
        publish = new OversizedPublish(Encoding.UTF8.GetString(topicBytes), qos, packetId, total);
        return true;
    }

    /// <summary>Decodes exactly one complete packet (tests and tools); throws when bytes are missing or left over.</summary>
    public static MqttPacket Decode(ReadOnlyMemory<byte> bytes, int maxPacketSize = MaxRemainingLength)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        if (!TryDecode(ref sequence, maxPacketSize, out var packet))
        {
            throw new MqttProtocolException("Truncated packet.");
        }

        if (!sequence.IsEmpty)
        {
            throw new MqttProtocolException($"{sequence.Length} bytes after the packet.");
        }

        return packet;
    }

    private static void ValidateFixedHeader(byte header)
    {
        var type = header >> 4;
        var flags = header & 0x0F;
        switch ((MqttPacketType)type)
        {
            case MqttPacketType.Publish:
                var qos = (flags >> 1) & 0x03;
                if (qos == 3)
                {
                    throw new MqttProtocolException("PUBLISH with QoS 3.");
                }

                if (qos == 0 && (flags & 0x08) != 0)
                {
                    throw new MqttProtocolException("PUBLISH with QoS 0 must not set DUP.");
                }

                return;
            case MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe:
                if (flags != 0x02)
                {
                    throw new MqttProtocolException($"{(MqttPacketType)type} with fixed-header flags 0x{flags:X} (must be 0x2).");
                }

                return;
            case >= MqttPacketType.Connect and <= MqttPacketType.Disconnect:
                if (flags != 0)
                {
                    throw new MqttProtocolException($"{(MqttPacketType)type} with fixed-header flags 0x{flags:X} (must be 0).");
                }

                return;
            default:
                throw new MqttProtocolException($"Reserved packet type {type}.");
        }
    }

    private static MqttPacket ParseBody(byte header, ReadOnlySpan<byte> body)
    {
        var reader = new BodyReader(body);
        var type = (MqttPacketType)(header >> 4);
        MqttPacket packet = type switch
        {
            MqttPacketType.Connect => ParseConnect(ref reader),
            MqttPacketType.ConnAck => ParseConnAck(ref reader),
            MqttPacketType.Publish => ParsePublish(header, ref reader),
            MqttPacketType.PubAck => new PubAckPacket(reader.ReadPacketId()),
            MqttPacketType.PubRec => new PubRecPacket(reader.ReadPacketId()),
            MqttPacketType.PubRel => new PubRelPacket(reader.ReadPacketId()),
            MqttPacketType.PubComp => new PubCompPacket(reader.ReadPacketId()),
            MqttPacketType.UnsubAck => new UnsubAckPacket(reader.ReadPacketId()),
            MqttPacketType.Subscribe => ParseSubscribe(ref reader),
            MqttPacketType.SubAck => ParseSubAck(ref reader),
            MqttPacketType.Unsubscribe => ParseUnsubscribe(ref reader),
            MqttPacketType.PingReq => PingReqPacket.Instance,
            MqttPacketType.PingResp => PingRespPacket.Instance,
            MqttPacketType.Disconnect => DisconnectPacket.Instance,
            _ => throw new MqttProtocolException($"Reserved packet type {(int)type}."),
        };

        if (reader.Remaining != 0)
        {
            throw new MqttProtocolException($"{type} has {reader.Remaining} unexpected trailing bytes.");
        }

        return packet;
    }

    private static ConnectPacket ParseConnect(ref BodyReader reader)
    {
        if (!reader.ReadBytes(6).SequenceEqual("\0\u0004MQTT"u8))
        {
            throw new MqttProtocolException("CONNECT protocol name is not 'MQTT'.");
        }

        var level = reader.ReadByte();
        if (level != 4)
        {
            throw new MqttProtocolException($"CONNECT protocol level {level} (only 4, MQTT 3.1.1, is supported).");
        }

        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            throw new MqttProtocolException("CONNECT reserved flag is set.");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        if (!hasWill && (willQos != 0 || willRetain))
        {
            throw new MqttProtocolException("CONNECT sets will QoS or retain without a will.");
        }

        if (willQos == 3)
        {
            throw new MqttProtocolException("CONNECT will QoS 3.");
        }

        var hasUser = (flags & 0x80) != 0;
        var hasPassword = (flags & 0x40) != 0;
        if (hasPassword && !hasUser)
        {
            throw new MqttProtocolException("CONNECT has a password without a user name.");
        }

        var keepAlive = reader.ReadUInt16();
        var clientId = reader.ReadString();
        MqttWill? will = null;
        if (hasWill)
        {
            var topic = reader.ReadTopicName();
            var payload = reader.ReadBinary().ToArray();
            will = new MqttWill(topic, payload, (MqttQos)willQos, willRetain);
        }

        var user = hasUser ? reader.ReadString() : null;
        var password = hasPassword ? reader.ReadString() : null;
        return new ConnectPacket(clientId, (flags & 0x02) != 0, keepAlive, user, password, will);
    }

    private static ConnAckPacket ParseConnAck(ref BodyReader reader)
    {
        var flags = reader.ReadByte();
        if ((flags & 0xFE) != 0)
        {
            throw new MqttProtocolException($"CONNACK reserved flags 0x{flags:X2}.");
        }

        var code = reader.ReadByte();
        if (code > 5)
        {
            throw new MqttProtocolException($"CONNACK return code {code} is not defined.");
        }

        if (code != 0 && flags != 0)
        {
            throw new MqttProtocolException("CONNACK refuses the connection but claims a session.");
        }

        return new ConnAckPacket(flags == 1, code);
    }

    private static PublishPacket ParsePublish(byte header, ref BodyReader reader)
    {
        var qos = (MqttQos)((header >> 1) & 0x03);
        var topic = reader.ReadTopicName();
        var packetId = qos > MqttQos.AtMostOnce ? reader.ReadPacketId() : (ushort)0;
        var payload = reader.ReadRest().ToArray();
        return new PublishPacket(topic, payload, qos, (header & 0x01) != 0, (header & 0x08) != 0, packetId);
    }

    private static SubscribePacket ParseSubscribe(ref BodyReader reader)
    {
        var packetId = reader.ReadPacketId();
        var filters = new List<MqttTopicFilter>();
        while (reader.Remaining > 0)
        {
            var filter = reader.ReadString();
            if (!MqttTopic.IsValidTopicFilter(filter))
            {
                throw new MqttProtocolException($"SUBSCRIBE with invalid topic filter '{filter}'.");
            }

            var qos = reader.ReadByte();
            if (qos > 2)
            {
                throw new MqttProtocolException($"SUBSCRIBE requested QoS byte 0x{qos:X2}.");
            }

            filters.Add(new MqttTopicFilter(filter, (MqttQos)qos));
        }

        if (filters.Count == 0)
        {
            throw new MqttProtocolException("SUBSCRIBE without a topic filter.");
        }

        return new SubscribePacket(packetId, filters);
    }

    private static SubAckPacket ParseSubAck(ref BodyReader reader)
    {
        var packetId = reader.ReadPacketId();
        var codes = reader.ReadRest().ToArray();
        if (codes.Length == 0)
        {
            throw new MqttProtocolException("SUBACK without return codes.");
        }

        foreach (var code in codes)
        {
            if (code is > 2 and not 0x80)
            {
                throw new MqttProtocolException($"SUBACK return code 0x{code:X2} is not defined.");
            }
        }

        return new SubAckPacket(packetId, codes);
    }

    private static UnsubscribePacket ParseUnsubscribe(ref BodyReader reader)
    {
        var packetId = reader.ReadPacketId();
        var filters = new List<string>();
        while (reader.Remaining > 0)
        {
            var filter = reader.ReadString();
            if (!MqttTopic.IsValidTopicFilter(filter))
            {
                throw new MqttProtocolException($"UNSUBSCRIBE with invalid topic filter '{filter}'.");
            }

            filters.Add(filter);
        }

        if (filters.Count == 0)
        {
            throw new MqttProtocolException("UNSUBSCRIBE without a topic filter.");
        }

        return new UnsubscribePacket(packetId, filters);
    }

    /// <summary>Bounds-checked cursor over one packet body; running off the end is a protocol error, not an exception of the runtime.</summary>
    private ref struct BodyReader(ReadOnlySpan<byte> body)
    {
        private readonly ReadOnlySpan<byte> body = body;
        private int position;

        public readonly int Remaining => body.Length - position;

        public byte ReadByte() => ReadBytes(1)[0];

        public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2));

        public ushort ReadPacketId()
        {
            var id = ReadUInt16();
            return id != 0 ? id : throw new MqttProtocolException("Packet identifier 0 is not allowed.");
        }

        public ReadOnlySpan<byte> ReadBytes(int count)
        {
            if (count > Remaining)
            {
                throw new MqttProtocolException($"Packet body ends {count - Remaining} bytes too early.");
            }

            var slice = body.Slice(position, count);
            position += count;
            return slice;
        }

        public ReadOnlySpan<byte> ReadBinary() => ReadBytes(ReadUInt16());

        public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining);

        public string ReadString()
        {
            var bytes = ReadBinary();
            string value;
            try
            {
                value = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                throw new MqttProtocolException("String is not valid UTF-8.", ex);
            }

            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new MqttProtocolException("String contains U+0000.");
            }

            return value;
        }

        public string ReadTopicName()
        {
            var topic = ReadString();
            return MqttTopic.IsValidTopicName(topic)
                ? topic
                : throw new MqttProtocolException($"Invalid topic name '{topic}' (empty or with a wildcard).");
        }
    }
}
