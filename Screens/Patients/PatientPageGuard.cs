using System.Net;
using Kiosk.Screens.Sessions;

namespace Kiosk.Screens.Patients;

/// <summary>
/// Keeps the patient pages cheap for the host, whoever scans tokens. A token has 122 random bits, so guessing finds
/// nothing; what could hurt is volume: many look-ups or many open streams. So, per client address (IPv6 by /64, as
/// <see cref="LoginThrottle.AddressKey"/>): at most <see cref="LookupsPerWindow"/> page or stream requests per
/// <see cref="Window"/> (a phone needs one page and one stream, plus one per reconnect), and at most
/// <see cref="StreamsPerAddress"/> open streams; over the whole host at most <see cref="MaxStreams"/> streams. A refusal
/// costs one dictionary look-up and no log line. Memory is bounded: at most <see cref="MaxAddresses"/> addresses are
/// kept; when full, those with no stream and an ended window make room, and if none can, the request is refused.
/// </summary>
/// <remarks>
/// Why an own counter, not ASP.NET Core's rate limiting middleware: the limit is shared between a page and its open
/// streams (a lease per stream), and it runs on the injected <see cref="TimeProvider"/> so the tests need no waiting.
/// </remarks>
public sealed class PatientPageGuard(TimeProvider time)
{
    public const int LookupsPerWindow = 60;
    public const int StreamsPerAddress = 4;
    public const int MaxStreams = 1000;
    public const int MaxAddresses = 4096;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> addresses = new(StringComparer.Ordinal);
    private int streams;

    public enum Refusal
    {
        None,

        /// <summary>This address asked too often: it waits for the window to end.</summary>
        TooMany,

        /// <summary>The host holds as many streams or addresses as it allows.</summary>
        Busy,
    }

    /// <summary>Counts one page or stream request from <paramref name="address"/>.</summary>
    public Refusal TryLookup(IPAddress? address)
    {
        var key = LoginThrottle.AddressKey(address);
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!TryEntry(key, now, out var entry))
            {
                return Refusal.Busy;
            }

            if (now - entry.WindowStart >= Window)
            {
                entry.WindowStart = now;
                entry.Lookups = 0;
            }

            if (entry.Lookups >= LookupsPerWindow)
            {
                return Refusal.TooMany;
            }

            entry.Lookups++;
            return Refusal.None;
        }
    }

    /// <summary>Takes a stream slot for <paramref name="address"/>; dispose the lease when the stream ends.</summary>
    public Refusal TryOpenStream(IPAddress? address, out IDisposable? lease)
    {
        var key = LoginThrottle.AddressKey(address);
        lease = null;
        lock (gate)
        {
            if (!TryEntry(key, time.GetUtcNow(), out var entry))
            {
                return Refusal.Busy;
            }

            if (entry.Streams >= StreamsPerAddress)
            {
                return Refusal.TooMany;
            }

            if (streams >= MaxStreams)
            {
                return Refusal.Busy;
            }

            entry.Streams++;
            streams++;
            lease = new Lease(this, key);
            return Refusal.None;
        }
    }

    public int OpenStreams
    {
        get
        {
            lock (gate)
            {
                return streams;
            }
        }
    }

    private bool TryEntry(string key, DateTimeOffset now, out Entry entry)
    {
        if (addresses.TryGetValue(key, out entry!))
        {
            return true;
        }

        if (addresses.Count >= MaxAddresses)
        {
            foreach (var quiet in addresses.Where(p => p.Value.Streams == 0 && now - p.Value.WindowStart >= Window).Select(p => p.Key).ToList())
            {
                addresses.Remove(quiet);
            }

            if (addresses.Count >= MaxAddresses)
            {
                return false;
            }
        }

        entry = new Entry { WindowStart = now };
        addresses[key] = entry;
        return true;
    }

    private void Release(string key)
    {
        lock (gate)
        {
            streams--;
            if (addresses.TryGetValue(key, out var entry))
            {
                entry.Streams--;
            }
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Lookups { get; set; }

        public int Streams { get; set; }
    }

    private sealed class Lease(PatientPageGuard owner, string key) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
