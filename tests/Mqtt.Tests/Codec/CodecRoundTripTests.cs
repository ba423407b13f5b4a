using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Tests.Codec;

public sealed class CodecRoundTripTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    public static TheoryData<string> PacketKinds => new() { "connect", "connack", "publish", "puback", "pubrec", "pubrel", "pubcomp", "subscribe", "suback", "unsubscribe", "unsuback", "pingreq", "pingresp", "disconnect" };

    [Theory]
    [MemberData(nameof(PacketKinds))]
    public void Every_packet_type_decodes_to_what_was_encoded(string kind)
    {
        var generator = kind switch
        {
            "connect" => PacketGenerators.Connect,
            "connack" => PacketGenerators.ConnAck,
            "publish" => PacketGenerators.Publish,
            "puback" => PacketGenerators.PacketId.Select(id => (MqttPacket)new PubAckPacket(id)),
            "pubrec" => PacketGenerators.PacketId.Select(id => (MqttPacket)new PubRecPacket(id)),
            "pubrel" => PacketGenerators.PacketId.Select(id => (MqttPacket)new PubRelPacket(id)),
            "pubcomp" => PacketGenerators.PacketId.Select(id => (MqttPacket)new PubCompPacket(id)),
            "subscribe" => PacketGenerators.Subscribe,
            "suback" => PacketGenerators.SubAck,
            "unsubscribe" => PacketGenerators.Unsubscribe,
            "unsuback" => PacketGenerators.PacketId.Select(id => (MqttPacket)new UnsubAckPacket(id)),
            "pingreq" => Gen.Constant<MqttPacket>(PingReqPacket.Instance),
            "pingresp" => Gen.Constant<MqttPacket>(PingRespPacket.Instance),
            _ => Gen.Constant<MqttPacket>(DisconnectPacket.Instance),
        };

        Check.One(Runs, Prop.ForAll(generator.ToArbitrary(), packet =>
        {
            var bytes = MqttPacketEncoder.ToArray(packet);
            var decoded = MqttPacketDecoder.Decode(bytes);
            return decoded.Type == packet.Type
                && PacketText.Describe(decoded) == PacketText.Describe(packet)
                && MqttPacketEncoder.ToArray(decoded).AsSpan().SequenceEqual(bytes);
        }));
    }

    [Fact]
    public void A_stream_of_packets_split_at_random_points_decodes_to_the_same_packets_in_order()
    {
        var gen = from packets in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(PacketGenerators.Any, n))
                  from cuts in Gen.ArrayOf(Gen.Choose(1, 64), 16)
                  select (packets, cuts);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var writer = new ArrayBufferWriter<byte>();
            foreach (var packet in input.packets)
            {
                MqttPacketEncoder.Write(packet, writer);
            }

            var sequence = Segmented(writer.WrittenSpan.ToArray(), input.cuts);
            var decoded = new List<MqttPacket>();
            while (MqttPacketDecoder.TryDecode(ref sequence, MqttPacketDecoder.MaxRemainingLength, out var packet))
            {
                decoded.Add(packet);
            }

            return sequence.IsEmpty && decoded.Select(PacketText.Describe).SequenceEqual(input.packets.Select(PacketText.Describe));
        }));
    }

    [Fact]
    public void Remaining_length_uses_one_to_four_bytes_at_the_boundaries()
    {
        foreach (var (remaining, lengthBytes) in new[] { (127, 1), (128, 2), (16_383, 2), (16_384, 3), (2_097_151, 3), (2_097_152, 4) })
        {
            // Topic "a" costs 3 bytes of the remaining length; the payload fills the rest.
            var bytes = MqttPacketEncoder.ToArray(new PublishPacket("a", new byte[remaining - 3], MqttQos.AtMostOnce, false, false, 0));
            Assert.Equal(1 + lengthBytes + remaining, bytes.Length);
            var decoded = Assert.IsType<PublishPacket>(MqttPacketDecoder.Decode(bytes));
            Assert.Equal(remaining - 3, decoded.Payload.Length);
        }
    }

    /// <summary>Cuts a byte array into a chain of segments, like a PipeReader hands out a buffer that spans reads.</summary>
    internal static ReadOnlySequence<byte> Segmented(byte[] bytes, IReadOnlyList<int> cuts)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        var position = 0;
        var index = 0;
        while (position < bytes.Length)
        {
            var length = Math.Min(cuts[index++ % cuts.Count], bytes.Length - position);
            var memory = bytes.AsMemory(position, length);
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }

            position += length;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
