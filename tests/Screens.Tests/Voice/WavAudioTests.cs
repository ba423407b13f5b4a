using System.Buffers.Binary;
using Kiosk.Screens.Voice;

namespace Kiosk.Screens.Tests.Voice;

/// <summary>The WAV reader is total: a technician's file may be anything, and gets audio or a reason.</summary>
public sealed class WavAudioTests
{
    public static TheoryData<byte[]> Broken() => new()
    {
        Array.Empty<byte>(),
        "RIFF"u8.ToArray(),
        "RIFF\0\0\0\0WAVE"u8.ToArray(),
        "RIFF\0\0\0\0WAVEdata\x04\0\0\0abcd"u8.ToArray(),
        Header(format: 1, channels: 0, rate: 22_050, bits: 16, dataBytes: 4),
        Header(format: 1, channels: 1, rate: 5, bits: 16, dataBytes: 4),
        Header(format: 1, channels: 1, rate: 22_050, bits: 12, dataBytes: 4),
        Header(format: 2, channels: 1, rate: 22_050, bits: 4, dataBytes: 4),
        Header(format: 1, channels: 1, rate: 22_050, bits: 16, dataBytes: 4)[..40],
        "ID3\x04 not a wav at all, an mp3 renamed"u8.ToArray(),
        "RIFF\0\0\0\0WAVEjunk\xff\xff\xff\xff"u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_file_gets_a_reason_not_an_exception(byte[] bytes)
    {
        Assert.False(WavAudio.TryRead(bytes, out var audio, out var reason));
        Assert.Null(audio);
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void Random_bytes_after_a_riff_header_never_throw()
    {
        var random = new Random(21);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length >= 16 && i % 2 == 0)
            {
                "RIFF"u8.CopyTo(bytes);
                "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
            }

            var read = WavAudio.TryRead(bytes, out var audio, out var reason);
            Assert.True(read ? audio is not null && reason.Length == 0 : audio is null && reason.Length > 0, $"input {i}");
        }
    }

    [Theory]
    [InlineData(1, 8, new byte[] { 0x80, 0xC0 }, new[] { 0f, 0.5f })]
    [InlineData(1, 16, new byte[] { 0x00, 0x40, 0x00, 0xC0 }, new[] { 0.5f, -0.5f })]
    [InlineData(1, 24, new byte[] { 0x00, 0x00, 0x40 }, new[] { 0.5f })]
    [InlineData(3, 32, new byte[] { 0x00, 0x00, 0x00, 0x3F }, new[] { 0.5f })]
    [InlineData(0xFFFE, 16, new byte[] { 0x00, 0x40 }, new[] { 0.5f })]
    public void Pcm_8_16_24_bit_float_and_extensible_are_read(int format, int bits, byte[] data, float[] expected)
    {
        var header = Header(format, 1, 44_100, bits, data.Length);
        Assert.True(WavAudio.TryRead([.. header, .. data], out var audio, out var reason), reason);
        Assert.Equal(44_100, audio!.SampleRate);
        Assert.Equal(expected, audio.Samples);
    }

    [Fact]
    public void A_data_chunk_cut_short_is_read_up_to_the_end_of_the_file()
    {
        var header = Header(1, 1, 22_050, 16, 1000);
        Assert.True(WavAudio.TryRead([.. header, 0x00, 0x40, 0x00], out var audio, out _));
        Assert.Equal([0.5f], audio!.Samples);
    }

    /// <summary>A RIFF header with a fmt chunk (extensible when format is 0xFFFE) and a data chunk header.</summary>
    internal static byte[] Header(int format, int channels, int rate, int bits, int dataBytes)
    {
        var extensible = format == 0xFFFE;
        var fmtSize = extensible ? 40 : 16;
        var bytes = new byte[12 + 8 + fmtSize + 8];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)format);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(span[44..], 1);
        }

        "data"u8.CopyTo(span[(20 + fmtSize)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(24 + fmtSize)..], dataBytes);
        return bytes;
    }
}
