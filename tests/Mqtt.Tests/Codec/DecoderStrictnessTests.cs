using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Tests.Codec;

public sealed class DecoderStrictnessTests
{
    [Theory]
    [InlineData("30 FF FF FF FF 01", "more than four bytes")] // 5-byte remaining length
    [InlineData("60 02 0001", "must be 0x2")] // PUBREL with flags 0000
    [InlineData("80 05 0001 0001 61 00", "must be 0x2")] // SUBSCRIBE with flags 0000
    [InlineData("82 05 0001 0002 61", "ends")] // SUBSCRIBE whose filter is cut short
    [InlineData("41 02 0001", "must be 0")] // PUBACK with a flag
    [InlineData("36 05 0001 61 0001", "QoS 3")]
    [InlineData("38 03 0001 61", "must not set DUP")] // PUBLISH QoS 0 with DUP
    [InlineData("00 00", "Reserved packet type 0")]
    [InlineData("F0 00", "Reserved packet type 15")]
    [InlineData("32 03 0001 61", "ends")] // QoS 1 PUBLISH without its packet id
    [InlineData("30 04 0002 C328", "UTF-8")] // invalid UTF-8 in the topic
    [InlineData("30 04 0002 EDA080", "UTF-8")] // a 3-byte sequence cut to 2 by its length prefix
    [InlineData("30 05 0003 EDA080", "UTF-8")] // UTF-16 surrogate encoded in UTF-8
    [InlineData("30 04 0002 0000", "U+0000")]
    [InlineData("30 03 0001 23", "Invalid topic")] // '#' in a topic name
    [InlineData("30 02 0000", "Invalid topic")] // empty topic name
    [InlineData("40 02 0000", "identifier 0")] // PUBACK id 0
    [InlineData("40 03 0001 FF", "trailing")] // PUBACK with an extra byte
    [InlineData("20 02 0206", "reserved flags")] // CONNACK flags 0x02
    [InlineData("20 02 0009", "not defined")] // CONNACK return code 9
    [InlineData("20 02 0105", "claims a session")]
    [InlineData("90 03 0001 03", "not defined")] // SUBACK return code 3
    [InlineData("90 02 0001", "without return codes")]
    [InlineData("A2 02 0001", "without a topic filter")]
    [InlineData("82 06 0001 0001 2B 03", "QoS byte")] // SUBSCRIBE requested QoS 3
    [InlineData("82 07 0001 0002 612B 00", "invalid topic filter")] // "a+"
    [InlineData("D0 01 00", "trailing")] // PINGRESP with a body
    [InlineData("10 0C 00044D515454 05 02 001E 0000", "protocol level 5")]
    [InlineData("10 0C 00044D515459 04 02 001E 0000", "protocol name")]
    [InlineData("10 0C 00044D515454 04 03 001E 0000", "reserved flag")]
    [InlineData("10 0C 00044D515454 04 42 001E 0000", "password without a user")]
    [InlineData("10 0C 00044D515454 04 0A 001E 0000", "will QoS or retain without a will")]
    public void Malformed_packets_are_reported_as_a_protocol_error(string hex, string reason)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var error = Assert.Throws<MqttProtocolException>(() => MqttPacketDecoder.Decode(bytes));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30 04 0002 6161")] // topic "aa", empty payload
    [InlineData("30 05 0002 C3A9 FF")] // topic "é", payload FF
    [InlineData("82 06 0001 0001 23 02")] // SUBSCRIBE "#" QoS 2
    public void Well_formed_edge_cases_are_accepted(string hex)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.NotNull(MqttPacketDecoder.Decode(bytes));
    }

    [Fact]
    public void An_oversize_packet_is_refused_from_its_header_before_the_body_arrives()
    {
        // Header says 1,000 bytes follow; only the header is here. The limit is 512.
        var header = new ReadOnlySequence<byte>(new byte[] { 0x30, 0xE8, 0x07 });
        var error = Assert.Throws<MqttProtocolException>(() => MqttPacketDecoder.TryDecode(ref header, 512, out _));
        Assert.Contains("exceeds the 512-byte limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_packet_is_incomplete_not_an_error_and_consumes_nothing()
    {
        var bytes = MqttPacketEncoder.ToArray(new PublishPacket("queue/test/a", new byte[40], MqttQos.AtLeastOnce, false, false, 7));
        for (var length = 0; length < bytes.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(MqttPacketDecoder.TryDecode(ref partial, 1024, out _));
            Assert.Equal(length, partial.Length);
        }
    }

    [Fact]
    public void Random_bytes_never_raise_anything_but_the_typed_protocol_error()
    {
        var gen = from length in Gen.Choose(0, 300)
                  from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
                  select bytes;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(gen.ToArbitrary(), DecodesOrFailsTyped));
    }

    [Fact]
    public void Valid_streams_that_are_truncated_or_bit_flipped_never_raise_anything_but_the_typed_protocol_error()
    {
        var gen = from packets in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(PacketGenerators.Any, n))
                  from cutFraction in Gen.Choose(0, 100)
                  from flips in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 10_000), Gen.Choose(0, 7)), 3)
                  select (packets, cutFraction, flips);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var writer = new ArrayBufferWriter<byte>();
            foreach (var packet in input.packets)
            {
                MqttPacketEncoder.Write(packet, writer);
            }

            var bytes = writer.WrittenSpan.ToArray();
            foreach (var (position, bit) in input.flips)
            {
                bytes[position % bytes.Length] ^= (byte)(1 << bit);
            }

            return DecodesOrFailsTyped(bytes[..(bytes.Length * input.cutFraction / 100)]);
        }));
    }

    private static bool DecodesOrFailsTyped(byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (MqttPacketDecoder.TryDecode(ref sequence, 64 * 1024, out _))
            {
            }

            return true;
        }
        catch (MqttProtocolException)
        {
            return true;
        }
    }
}
