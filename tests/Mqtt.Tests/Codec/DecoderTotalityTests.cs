using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.Mqtt.Protocol;
using Kiosk.TestSupport;

namespace Kiosk.Mqtt.Tests.Codec;

/// <summary>
/// Bytes from the broker's socket, read as <c>MqttClient.ReadLoopAsync</c> reads them (peek for an oversized PUBLISH,
/// else decode, else wait for more): any bytes, in any reads, under any packet limit, end in packets, a wait for more,
/// or <see cref="MqttProtocolException"/>, which the client answers by dropping the connection. Nothing else may
/// escape, and no turn may neither consume nor wait. The fuzz corpus (fuzz/seeds/mqtt: sessions captured from a real
/// Mosquitto; fuzz/findings/mqtt) is replayed here.
/// </summary>
public sealed class DecoderTotalityTests
{
    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("mqtt");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_fuzz_input_ends_in_packets_a_wait_or_a_protocol_error(string input)
    {
        var bytes = FuzzCorpus.Read(input);
        foreach (var (readSize, limit) in new[] { (Math.Max(1, bytes.Length), 1024 * 1024), (3, 64), (1, 16) })
        {
            ReadLikeTheClient(bytes, readSize, limit);
        }
    }

    [Fact]
    public void Real_broker_sessions_decode_whole()
    {
        foreach (var input in FuzzCorpus.Files("mqtt"))
        {
            if (input.StartsWith("seeds/mqtt/broker-", StringComparison.Ordinal))
            {
                Assert.Equal(ReadOutcome.AllRead, ReadLikeTheClient(FuzzCorpus.Read(input), 7, 1024 * 1024));
            }
        }
    }

    [Fact]
    public void Any_bytes_in_any_reads_under_any_limit_end_in_packets_a_wait_or_a_protocol_error()
    {
        var seeds = FuzzCorpus.Files("mqtt").Select(FuzzCorpus.Read).Where(b => b.Length > 0).ToArray();
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b);
        var raw = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(bytes, n));
        var mutated =
            from seed in Gen.Elements(seeds)
            from changes in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 100_000), bytes), 3)
            from cut in Gen.Choose(0, 100)
            select Mutate(seed, changes)[..(seed.Length * cut / 100)];
        var gen =
            from input in Gen.OneOf(raw, mutated)
            from readSize in Gen.Choose(1, 64)
            from limit in Gen.Elements(16, 64, 300, 1024 * 1024)
            select (input, readSize, limit);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(gen.ToArbitrary(), c =>
        {
            ReadLikeTheClient(c.input, c.readSize, c.limit);
            return true;
        }));
    }

    internal enum ReadOutcome
    {
        AllRead,
        WaitingForMore,
        ProtocolError,
    }

    /// <summary>The client's read loop without the socket: reads of <paramref name="readSize"/> bytes, each a segment.</summary>
    internal static ReadOutcome ReadLikeTheClient(byte[] input, int readSize, int maxPacketSize)
    {
        var start = 0;
        var received = 0;
        long skipping = 0;
        var buffer = ReadOnlySequence<byte>.Empty;
        try
        {
            while (received < input.Length)
            {
                received = Math.Min(input.Length, received + readSize);
                buffer = Reads(input, start, received, readSize);
                for (var turns = 1; ; turns++)
                {
                    Assert.True(turns <= input.Length + 1, $"the read loop turned {turns} times on {input.Length} bytes without waiting");
                    if (skipping > 0)
                    {
                        var discard = Math.Min(skipping, buffer.Length);
                        buffer = buffer.Slice(discard);
                        skipping -= discard;
                        if (skipping > 0)
                        {
                            break;
                        }
                    }

                    if (MqttPacketDecoder.TryPeekOversizedPublish(buffer, maxPacketSize, out var oversized, out var needMore))
                    {
                        Assert.True(oversized.TotalBytes > maxPacketSize);
                        Assert.Equal(oversized.Qos == MqttQos.AtMostOnce, oversized.PacketId == 0);
                        skipping = oversized.TotalBytes;
                        continue;
                    }

                    if (needMore)
                    {
                        break;
                    }

                    var before = buffer;
                    if (!MqttPacketDecoder.TryDecode(ref buffer, maxPacketSize, out var packet))
                    {
                        Assert.Equal(before, buffer);
                        break;
                    }

                    Assert.NotNull(packet);
                    Assert.True(buffer.Length < before.Length, "a packet was decoded from no bytes");
                }

                start = received - (int)buffer.Length;
            }
        }
        catch (MqttProtocolException)
        {
            return ReadOutcome.ProtocolError;
        }

        return buffer.IsEmpty && skipping == 0 ? ReadOutcome.AllRead : ReadOutcome.WaitingForMore;
    }

    private static ReadOnlySequence<byte> Reads(byte[] input, int start, int end, int readSize)
    {
        Segment? first = null;
        Segment? last = null;
        for (var position = start; position < end;)
        {
            var next = Math.Min(end, ((position / readSize) + 1) * readSize);
            var segment = new Segment(input.AsMemory(position, next - position), position - start);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
            position = next;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private static byte[] Mutate(byte[] seed, (int Position, byte Value)[] changes)
    {
        var copy = seed.ToArray();
        foreach (var (position, value) in changes)
        {
            copy[position % copy.Length] = value;
        }

        return copy;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public new Segment? Next
        {
            get => (Segment?)base.Next;
            set => base.Next = value;
        }
    }
}
