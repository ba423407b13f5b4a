using System.Buffers;
using Kiosk.Mqtt;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// Bytes from the broker's socket, read the way <c>MqttClient.ReadLoopAsync</c> reads them: look for an oversized
/// PUBLISH (read past and acknowledged), else decode a packet, else wait for more. Every input ends in packets, a wait
/// for more bytes, or <see cref="MqttProtocolException"/> (the client drops the connection and reconnects). Any other
/// exception, or a turn that neither consumes bytes nor waits, is a finding.
/// </summary>
internal static class MqttTarget
{
    public static void Run(byte[] input)
    {
        // The whole input in one read under the client's default limit, then in 3-byte reads (multi-segment buffers,
        // packets split anywhere) under a 64-byte limit, so the oversized-PUBLISH path runs as often as decoding.
        Read(input, readSize: Math.Max(1, input.Length), maxPacketSize: 1024 * 1024);
        Read(input, readSize: 3, maxPacketSize: 64);
        DecodeWhole(input);
    }

    private static void Read(byte[] input, int readSize, int maxPacketSize)
    {
        var start = 0;
        var received = 0;
        long skipping = 0;
        try
        {
            while (received < input.Length)
            {
                received = Math.Min(input.Length, received + readSize);
                var buffer = Segments.Of(input, start, received, readSize);
                var turns = 0;
                while (true)
                {
                    if (++turns > input.Length + 1)
                    {
                        throw new FuzzInvariantException($"The read loop turned {turns} times on {input.Length} bytes without waiting for more.");
                    }

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

                    var before = buffer.Length;
                    if (MqttPacketDecoder.TryPeekOversizedPublish(buffer, maxPacketSize, out var oversized, out var needMore))
                    {
                        if (needMore || oversized.TotalBytes <= maxPacketSize || (oversized.PacketId == 0) != (oversized.Qos == MqttQos.AtMostOnce))
                        {
                            throw new FuzzInvariantException($"Oversized PUBLISH peeked as {oversized} (needMore {needMore}) under a {maxPacketSize}-byte limit.");
                        }

                        skipping = oversized.TotalBytes;
                        continue;
                    }

                    if (needMore)
                    {
                        break;
                    }

                    var rest = buffer;
                    if (!MqttPacketDecoder.TryDecode(ref buffer, maxPacketSize, out var packet))
                    {
                        if (!buffer.Equals(rest))
                        {
                            throw new FuzzInvariantException("TryDecode returned false (need more) but consumed bytes.");
                        }

                        break;
                    }

                    if (packet is null || buffer.Length >= before)
                    {
                        throw new FuzzInvariantException($"TryDecode returned true with packet {packet?.Type.ToString() ?? "null"} and consumed {before - buffer.Length} bytes.");
                    }
                }

                start = received - (int)buffer.Length;
            }
        }
        catch (MqttProtocolException)
        {
            // The client drops the connection: the expected end for bytes that are not MQTT.
        }
    }

    private static void DecodeWhole(byte[] input)
    {
        try
        {
            _ = MqttPacketDecoder.Decode(input, 64 * 1024);
        }
        catch (MqttProtocolException)
        {
            // Not exactly one well-formed packet.
        }
    }
}
