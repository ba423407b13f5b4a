namespace Kiosk.Screens.Voice;

/// <summary>
/// One call as one WAV, served at <c>/suara/panggilan/{key}.wav</c> where the key is the call's clip names joined with
/// "_" (<c>chime_nomor-antrean_a_dua_belas_silakan-menuju_loket_satu</c>). The key names everything the join needs, so
/// the address works after a restart and on every TV; it is checked name by name before a file is touched. Joined calls
/// are kept in a cache bounded by bytes, each with the files it was made from: a recording dropped into the override
/// folder is heard at the next call, as a single clip is.
/// </summary>
public sealed partial class AnnouncementAudio(ClipLibrary library, ILogger<AnnouncementAudio> logger)
{
    public const string RoutePrefix = "/suara/panggilan/";

    public const char Separator = '_';

    /// <summary>A call has at most 12 clips (chime, intro, 2 letters, 4 number words, intro, loket, 3 words); room for more.</summary>
    public const int MaxClips = 24;

    /// <summary>The longest key <see cref="MaxClips"/> clip names can make.</summary>
    public const int MaxKeyLength = MaxClips * 42;

    /// <summary>About 35 calls of 5 s at 22.05 kHz mono: a busy morning's repeats are joined once.</summary>
    public const long CacheBytes = 8 * 1024 * 1024;

    /// <summary>A clip file larger than this is not read (60 s of 48 kHz stereo 32-bit float is 23 MB).</summary>
    public const long MaxClipBytes = 24 * 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<CacheEntry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<CacheEntry> recent = new();
    private long cachedBytes;

    /// <summary>The address of a call's joined audio, or null when a clip name is not one this host can join.</summary>
    public static string? PathFor(IReadOnlyList<string> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        return clips.Count is > 0 and <= MaxClips && clips.All(ClipLibrary.IsClipName)
            ? RoutePrefix + string.Join(Separator, clips) + ".wav"
            : null;
    }

    /// <summary>The clip names of a key, or false for anything that is not a key <see cref="PathFor"/> makes.</summary>
    public static bool TryParseKey(string? key, out string[] clips)
    {
        clips = [];
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return false;
        }

        var names = key.Split(Separator);
        if (names.Length > MaxClips || !names.All(ClipLibrary.IsClipName))
        {
            return false;
        }

        clips = names;
        return true;
    }

    public AudioAnswer Get(string? key)
    {
        if (!TryParseKey(key, out var clips))
        {
            return new AudioAnswer(AudioOutcome.BadKey, null, null);
        }

        var sources = new List<(string Name, string Path)>(clips.Length);
        foreach (var clip in clips)
        {
            var candidates = library.Candidates(clip).ToList();
            if (candidates.Count == 0)
            {
                return new AudioAnswer(AudioOutcome.UnknownClip, null, clip);
            }

            sources.Add((clip, candidates[0]));
        }

        var fingerprint = Fingerprint(sources.Select(s => s.Path));
        lock (gate)
        {
            if (entries.TryGetValue(key!, out var node) && node.Value.Fingerprint == fingerprint)
            {
                recent.Remove(node);
                recent.AddFirst(node);
                return new AudioAnswer(AudioOutcome.Joined, node.Value.Wav, null);
            }
        }

        var decoded = new List<(string Name, WavAudio Audio)>(clips.Length);
        foreach (var clip in clips)
        {
            if (Decode(clip) is not { } audio)
            {
                return new AudioAnswer(AudioOutcome.UnreadableClip, null, clip);
            }

            decoded.Add((clip, audio));
        }

        var wav = ClipJoiner.Join(decoded).ToWav16();
        Remember(key!, fingerprint, wav);
        return new AudioAnswer(AudioOutcome.Joined, wav, null);
    }

    /// <summary>The clip's first readable file: an override that is not a usable WAV is logged and the default used.</summary>
    private WavAudio? Decode(string clip)
    {
        foreach (var path in library.Candidates(clip))
        {
            string reason;
            try
            {
                var info = new FileInfo(path);
                if (info.Length > MaxClipBytes)
                {
                    reason = $"lebih dari {MaxClipBytes / 1024 / 1024} MB";
                }
                else if (WavAudio.TryRead(File.ReadAllBytes(path), out var audio, out reason))
                {
                    return audio;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                reason = ex.Message;
            }

            LogUnreadable(logger, path, reason);
        }

        return null;
    }

    private static string Fingerprint(IEnumerable<string> paths) =>
        string.Join('|', paths.Select(path =>
        {
            var info = new FileInfo(path);
            return info.Exists ? $"{path}:{info.Length}:{info.LastWriteTimeUtc.Ticks}" : path;
        }));

    private void Remember(string key, string fingerprint, byte[] wav)
    {
        if (wav.Length > CacheBytes)
        {
            return;
        }

        lock (gate)
        {
            if (entries.Remove(key, out var old))
            {
                recent.Remove(old);
                cachedBytes -= old.Value.Wav.Length;
            }

            entries[key] = recent.AddFirst(new CacheEntry(key, fingerprint, wav));
            cachedBytes += wav.Length;
            while (cachedBytes > CacheBytes && recent.Last is { } oldest)
            {
                recent.RemoveLast();
                entries.Remove(oldest.Value.Key);
                cachedBytes -= oldest.Value.Wav.Length;
            }
        }
    }

    /// <summary>For the tests: how many bytes the cache holds now.</summary>
    internal long CachedBytes
    {
        get
        {
            lock (gate)
            {
                return cachedBytes;
            }
        }
    }

    private sealed record CacheEntry(string Key, string Fingerprint, byte[] Wav);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice clip {Path} cannot be used: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);
}

public enum AudioOutcome
{
    Joined,
    BadKey,
    UnknownClip,
    UnreadableClip,
}

/// <summary>The joined WAV, or why not (and which clip).</summary>
public sealed record AudioAnswer(AudioOutcome Outcome, byte[]? Wav, string? Clip);
