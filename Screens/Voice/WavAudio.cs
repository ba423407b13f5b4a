using System.Buffers.Binary;
using Kiosk.Screens.Text;

namespace Kiosk.Screens.Voice;

/// <summary>
/// Decoded audio: interleaved samples in [-1, 1], as read from a WAV (PCM 8/16/24/32-bit or IEEE float 32-bit).
/// </summary>
public sealed class WavAudio
{
    public WavAudio(int sampleRate, int channels, float[] samples)
    {
        SampleRate = sampleRate;
        Channels = channels;
        Samples = samples;
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public float[] Samples { get; }

    public int Frames => Samples.Length / Channels;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);

    /// <summary>
    /// Reads a RIFF/WAVE file. Total: any byte sequence gives audio or a reason (a technician's recording in the
    /// override folder may be anything), never an exception.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out WavAudio? audio, out string reason)
    {
        audio = null;
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            reason = Teks.Teknisi.NotWav;
            return false;
        }

        int format = 0, channels = 0, sampleRate = 0, bits = 0;
        var data = ReadOnlySpan<byte>.Empty;
        var haveFormat = false;
        var haveData = false;
        var position = 12;
        while (position <= bytes.Length - 8)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var bodyStart = position + 8;

            // A data chunk whose size runs past the end (a recorder killed mid-write, or 0xFFFFFFFF from a streaming
            // writer) is read up to the end of the file.
            var available = (uint)(bytes.Length - bodyStart);
            var body = bytes.Slice(bodyStart, (int)Math.Min(size, available));
            if (id.SequenceEqual("fmt "u8) && body.Length >= 16)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);

                // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
                if (format == 0xFFFE && body.Length >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
                }

                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                data = body;
                haveData = true;
                break;
            }

            // Chunks are padded to an even size.
            var next = (long)bodyStart + size + (size & 1);
            if (next > bytes.Length)
            {
                break;
            }

            position = (int)next;
        }

        if (!haveFormat || !haveData)
        {
            reason = haveFormat ? Teks.Teknisi.WavNoData : Teks.Teknisi.WavNoFormat;
            return false;
        }

        if (channels is < 1 or > 8 || sampleRate is < 4_000 or > 192_000)
        {
            reason = Teks.Teknisi.WavOddFormat(channels, sampleRate);
            return false;
        }

        var isPcm = format == 1 && bits is 8 or 16 or 24 or 32;
        var isFloat = format == 3 && bits == 32;
        if (!isPcm && !isFloat)
        {
            reason = Teks.Teknisi.WavSampleFormat(format, bits);
            return false;
        }

        var bytesPerSample = bits / 8;
        var count = data.Length / bytesPerSample / channels * channels;
        var samples = new float[count];
        for (var i = 0; i < count; i++)
        {
            var sample = data.Slice(i * bytesPerSample, bytesPerSample);
            samples[i] = (isFloat, bits) switch
            {
                (true, _) => FiniteOrSilence(BinaryPrimitives.ReadSingleLittleEndian(sample)),
                (_, 8) => (sample[0] - 128) / 128f,
                (_, 16) => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768f,
                (_, 24) => ((sample[2] << 24) | (sample[1] << 16) | (sample[0] << 8)) / 2147483648f,
                _ => BinaryPrimitives.ReadInt32LittleEndian(sample) / 2147483648f,
            };
        }

        audio = new WavAudio(sampleRate, channels, samples);
        reason = string.Empty;
        return true;
    }

    /// <summary>The audio as a 16-bit PCM WAV (what every browser and the generated clips use).</summary>
    public byte[] ToWav16()
    {
        var dataBytes = Samples.Length * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(SampleRate * Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (var i = 0; i < Samples.Length; i++)
        {
            // x 32768 and clamp: a 16-bit clip read and written again keeps every sample exactly.
            var value = (int)MathF.Round(Samples[i] * 32768f);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], (short)Math.Clamp(value, short.MinValue, short.MaxValue));
        }

        return wav;
    }

    private static float FiniteOrSilence(float sample) => float.IsFinite(sample) ? Math.Clamp(sample, -1f, 1f) : 0f;
}
