using Kiosk.Screens.Tests.Support;
using Kiosk.Screens.Voice;
using Xunit.Abstractions;

namespace Kiosk.Screens.Tests.Voice;

/// <summary>The join on the real generated clips (espeak-ng, as shipped): one WAV, trimmed, with the chosen pauses.</summary>
public sealed class ClipJoinerTests(ITestOutputHelper output)
{
    /// <summary>Anything quieter than this (-46 dBFS) is silence for the measurements below.</summary>
    private const float Silence = ClipJoiner.AbsoluteFloor;

    public static TheoryData<string, string, string> Calls() => new()
    {
        { "e1", "A-012", "1" },
        { "e2", "B-011", "4" },
        { "e3", "A-097", "2" },
        { "e4", "C-124", "12" },
    };

    [Fact]
    public void Nomor_antrean_A_dua_belas_silakan_menuju_loket_satu_is_one_wav_of_at_most_4_5_seconds_after_the_chime()
    {
        var call = AnnouncementBuilder.ToCounter("e1", "A-012", "1");
        var joined = Join(call.Clips);
        var chime = ClipJoiner.Trim(Read("chime"));
        var speech = joined.Duration - TimeSpan.FromSeconds((double)(chime.Length / joined.Channels) / joined.SampleRate) - AnnouncementPauses.AfterChime;
        output.WriteLine($"joined {joined.Duration.TotalSeconds:0.00} s, speech {speech.TotalSeconds:0.00} s; clips one after another {Separate(call.Clips).TotalSeconds:0.00} s");
        Assert.InRange(speech, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4.5));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_joined_call_keeps_the_clips_format_and_has_no_silence_beyond_the_chosen_pauses(string id, string number, string counter)
    {
        var call = AnnouncementBuilder.ToCounter(id, number, counter);
        var first = Read("chime");
        var joined = Join(call.Clips);
        Assert.Equal((first.SampleRate, first.Channels), (joined.SampleRate, joined.Channels));

        var (leading, trailing, gaps) = Silences(joined);
        output.WriteLine($"{call.Text} {joined.Duration.TotalSeconds:0.00} s (separate clips {Separate(call.Clips).TotalSeconds:0.00} s); leading {leading.TotalMilliseconds:0} ms, trailing {trailing.TotalMilliseconds:0} ms, pauses {string.Join(", ", gaps.Select(g => g.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        Assert.InRange(leading, TimeSpan.Zero, ClipJoiner.Margin);
        Assert.InRange(trailing, TimeSpan.Zero, ClipJoiner.Margin);
        var longest = AnnouncementPauses.AfterChime + ClipJoiner.Margin + ClipJoiner.Margin + TimeSpan.FromMilliseconds(1);
        Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.Zero, longest));
        Assert.True(joined.Duration < Separate(call.Clips), "the joined call is shorter than its clips played one after another");
    }

    [Fact]
    public void The_written_wav_is_16_bit_pcm_and_reads_back_sample_for_sample()
    {
        var clip = Read("loket");
        var wav = clip.ToWav16();
        Assert.True(WavAudio.TryRead(wav, out var again, out var reason), reason);
        Assert.Equal(clip.Samples, again!.Samples);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Clips.Folder, "loket.wav")).AsSpan(44).ToArray(), wav.AsSpan(44).ToArray());
    }

    [Fact]
    public void A_recording_at_44_1_kHz_stereo_beside_22_05_kHz_mono_clips_gives_44_1_kHz_stereo_of_the_same_length()
    {
        var satu = Read("satu");
        var recorded = Tone(44_100, 2, TimeSpan.FromMilliseconds(600), 0.5f);
        var joined = ClipJoiner.Join([("loket", Read("loket")), ("satu", recorded)]);
        Assert.Equal((44_100, 2), (joined.SampleRate, joined.Channels));
        var expected = TimeSpan.FromSeconds(ClipJoiner.Trim(Read("loket")).Length / (double)satu.SampleRate) + AnnouncementPauses.BetweenWords + TimeSpan.FromMilliseconds(600);
        Assert.InRange(joined.Duration, expected - TimeSpan.FromMilliseconds(5), expected + TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void Trimming_keeps_a_quiet_recording_and_drops_a_silent_one()
    {
        var quiet = new WavAudio(22_050, 1, [.. new float[2205], .. Tone(22_050, 1, TimeSpan.FromMilliseconds(300), 0.02f).Samples, .. new float[4410]]);
        var kept = ClipJoiner.Trim(quiet);
        Assert.InRange(kept.Length, (int)(0.3 * 22_050), (int)((0.3 + (2 * ClipJoiner.Margin.TotalSeconds)) * 22_050) + 1);
        Assert.Empty(ClipJoiner.Trim(new WavAudio(22_050, 1, new float[22_050])));
    }

    internal static WavAudio Read(string clip)
    {
        Assert.True(WavAudio.TryRead(File.ReadAllBytes(Path.Combine(Clips.Folder, clip + ".wav")), out var audio, out var reason), reason);
        return audio!;
    }

    private static WavAudio Join(IReadOnlyList<string> clips) => ClipJoiner.Join([.. clips.Select(c => (c, Read(c)))]);

    /// <summary>How the page played a call before: every clip whole, back to back (each with espeak-ng's own trailing silence).</summary>
    private static TimeSpan Separate(IReadOnlyList<string> clips) =>
        clips.Aggregate(TimeSpan.Zero, (sum, clip) => sum + Read(clip).Duration);

    internal static WavAudio Tone(int rate, int channels, TimeSpan length, float amplitude)
    {
        var frames = (int)(length.TotalSeconds * rate);
        var samples = new float[frames * channels];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = amplitude * MathF.Sin(2 * MathF.PI * 440 * (i / channels) / rate);
        }

        return new WavAudio(rate, channels, samples);
    }

    /// <summary>Silence before the first sound, after the last, and every silent run in between (shorter than 5 ms ignored).</summary>
    internal static (TimeSpan Leading, TimeSpan Trailing, List<TimeSpan> Gaps) Silences(WavAudio audio)
    {
        var loud = Enumerable.Range(0, audio.Frames)
            .Select(f => Enumerable.Range(0, audio.Channels).Any(c => Math.Abs(audio.Samples[(f * audio.Channels) + c]) > Silence))
            .ToArray();
        var first = Array.IndexOf(loud, true);
        var last = Array.LastIndexOf(loud, true);
        TimeSpan Time(int frames) => TimeSpan.FromSeconds((double)frames / audio.SampleRate);
        var gaps = new List<TimeSpan>();
        var run = 0;
        for (var f = first; f <= last; f++)
        {
            if (!loud[f])
            {
                run++;
            }
            else
            {
                if (Time(run) > TimeSpan.FromMilliseconds(5))
                {
                    gaps.Add(Time(run));
                }

                run = 0;
            }
        }

        return (Time(first), Time(audio.Frames - 1 - last), gaps);
    }
}
