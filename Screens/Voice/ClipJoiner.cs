namespace Kiosk.Screens.Voice;

/// <summary>
/// Joins the clips of one call into one continuous audio: each clip's leading and trailing silence is cut (a level
/// relative to the clip's own peak, so a quiet home recording is cut as well as a loud generated one), the edges get a
/// short fade so a cut never clicks, and the pause <see cref="AnnouncementPauses"/> chooses goes between two clips.
/// Clips in different formats (a Puskesmas's 44.1 kHz stereo recording beside 22.05 kHz mono espeak-ng clips) are
/// brought to the highest rate and the most channels among them, so nothing is ever downsampled.
/// </summary>
public static class ClipJoiner
{
    /// <summary>Silence is below this fraction of the clip's peak (-30 dB), and never above -46 dBFS.</summary>
    public const float RelativeThreshold = 0.0316f;

    public const float AbsoluteFloor = 0.005f;

    /// <summary>Kept beyond the first and last sample over the threshold: soft consonant onsets and tails ("s", "h").</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(15);

    /// <summary>Fade at each cut edge: long enough that a cut mid-waveform does not click, short enough not to be heard.</summary>
    public static readonly TimeSpan Fade = TimeSpan.FromMilliseconds(5);

    public static WavAudio Join(IReadOnlyList<(string Name, WavAudio Audio)> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentOutOfRangeException.ThrowIfZero(clips.Count);
        var rate = clips.Max(c => c.Audio.SampleRate);
        var channels = clips.Max(c => c.Audio.Channels);
        var output = new List<float>(rate * channels * 6);
        string? previous = null;
        foreach (var (name, audio) in clips)
        {
            var trimmed = Trim(Convert(audio, rate, channels));
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (previous is not null)
            {
                var pause = (int)(AnnouncementPauses.Before(previous, name).TotalSeconds * rate) * channels;
                output.AddRange(new float[pause]);
            }

            output.AddRange(trimmed);
            previous = name;
        }

        return new WavAudio(rate, channels, [.. output]);
    }

    /// <summary>The clip without its leading and trailing silence, plus <see cref="Margin"/>, faded at both ends.</summary>
    public static float[] Trim(WavAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var samples = audio.Samples;
        var peak = 0f;
        foreach (var sample in samples)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        var threshold = Math.Max(peak * RelativeThreshold, AbsoluteFloor);
        var first = Array.FindIndex(samples, s => Math.Abs(s) > threshold);
        if (first < 0)
        {
            return [];
        }

        var last = Array.FindLastIndex(samples, s => Math.Abs(s) > threshold);
        var margin = (int)(Margin.TotalSeconds * audio.SampleRate);
        var startFrame = Math.Max(0, (first / audio.Channels) - margin);
        var endFrame = Math.Min(audio.Frames, (last / audio.Channels) + 1 + margin);
        var kept = samples.AsSpan(startFrame * audio.Channels, (endFrame - startFrame) * audio.Channels).ToArray();
        var fade = Math.Min((int)(Fade.TotalSeconds * audio.SampleRate), (endFrame - startFrame) / 2);
        for (var frame = 0; frame < fade; frame++)
        {
            var gain = (float)frame / fade;
            for (var channel = 0; channel < audio.Channels; channel++)
            {
                kept[(frame * audio.Channels) + channel] *= gain;
                kept[kept.Length - ((frame + 1) * audio.Channels) + channel] *= gain;
            }
        }

        return kept;
    }

    /// <summary>The audio at <paramref name="rate"/> (linear interpolation, only ever upwards) and <paramref name="channels"/>.</summary>
    private static WavAudio Convert(WavAudio audio, int rate, int channels)
    {
        if (audio.SampleRate == rate && audio.Channels == channels)
        {
            return audio;
        }

        var frames = (int)((long)audio.Frames * rate / audio.SampleRate);
        var samples = new float[frames * channels];
        var step = (double)audio.SampleRate / rate;
        for (var frame = 0; frame < frames; frame++)
        {
            var position = frame * step;
            var left = Math.Min((int)position, audio.Frames - 1);
            var right = Math.Min(left + 1, audio.Frames - 1);
            var weight = (float)(position - left);
            for (var channel = 0; channel < channels; channel++)
            {
                // A mono clip goes to every channel; a stereo clip's channels repeat beyond its own.
                var source = channel % audio.Channels;
                var a = audio.Samples[(left * audio.Channels) + source];
                var b = audio.Samples[(right * audio.Channels) + source];
                samples[(frame * channels) + channel] = a + ((b - a) * weight);
            }
        }

        return new WavAudio(rate, channels, samples);
    }
}
