using System.Net;
using System.Net.Sockets;

namespace Kiosk.District.Dinkes;

/// <summary>
/// Limits password guesses at the Dinkes login per user name and per client address, the rule of the loket login
/// (<c>Screens/Sessions/LoginThrottle</c>): refused before the password is hashed while either key is locked or already
/// has an attempt in flight; from the <see cref="FreeFailures"/>th wrong password in a row a key is locked for
/// <see cref="FirstLock"/>, doubling per further failure up to <see cref="MaxLock"/>; a success clears both keys; a key
/// quiet for <see cref="ForgetAfter"/> is forgotten. Memory is bounded by <see cref="MaxKeys"/> (the quietest goes).
/// </summary>
public sealed partial class DinkesLoginThrottle(TimeProvider time, ILogger<DinkesLoginThrottle> logger)
{
    public const int FreeFailures = 5;
    public const int MaxKeys = 4096;
    public const int MaxInFlightPerAddress = 4;
    public static readonly TimeSpan FirstLock = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxLock = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>IPv4 as is, IPv6 by its /64 (the block one machine usually holds).</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "-";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public bool TryBegin(string user, string address, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var byUser = Get("u:" + user, now);
            var byAddress = Get("a:" + address, now);
            retryAfter = Max(Wait(byUser, now, 1), Wait(byAddress, now, MaxInFlightPerAddress));
            if (retryAfter > TimeSpan.Zero)
            {
                LogLocked(logger, user, address, (int)Math.Ceiling(retryAfter.TotalSeconds));
                return false;
            }

            byUser.InFlight++;
            byAddress.InFlight++;
            return true;
        }
    }

    /// <summary>Records the answer to an attempt <see cref="TryBegin"/> let through; null when nobody could answer (database down).</summary>
    public void Finish(string user, string address, bool? accepted)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var entry in new[] { Get("u:" + user, now), Get("a:" + address, now) })
            {
                entry.InFlight = Math.Max(0, entry.InFlight - 1);
                if (accepted is null)
                {
                    continue;
                }

                if (accepted.Value)
                {
                    entry.Failures = 0;
                    entry.LockedUntil = default;
                }
                else
                {
                    entry.Failures++;
                    if (entry.Failures >= FreeFailures)
                    {
                        var doublings = Math.Min(entry.Failures - FreeFailures, 20);
                        entry.LockedUntil = now + TimeSpan.FromTicks(Math.Min(FirstLock.Ticks << doublings, MaxLock.Ticks));
                    }
                }
            }

            if (accepted == false)
            {
                LogRefused(logger, user, address);
            }
        }
    }

    public static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));

    private Entry Get(string key, DateTimeOffset now)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            if (entries.Count >= MaxKeys)
            {
                foreach (var forgotten in entries.Where(p => p.Value.InFlight == 0 && now >= p.Value.LockedUntil && now - p.Value.LastSeen >= ForgetAfter).Select(p => p.Key).ToList())
                {
                    entries.Remove(forgotten);
                }

                if (entries.Count >= MaxKeys)
                {
                    entries.Remove(entries.Where(p => p.Value.InFlight == 0).MinBy(p => p.Value.LastSeen).Key);
                }
            }

            entry = entries[key] = new Entry();
        }

        entry.LastSeen = now;
        return entry;
    }

    private static TimeSpan Wait(Entry entry, DateTimeOffset now, int maxInFlight) =>
        Max(entry.LockedUntil - now, entry.InFlight >= maxInFlight ? BusyWait : TimeSpan.Zero);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Entry
    {
        public int Failures { get; set; }

        public int InFlight { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dinkes login as {User} from {Address} refused: wrong user name or password")]
    private static partial void LogRefused(ILogger logger, string user, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dinkes login as {User} from {Address} refused unchecked: too many attempts, {Seconds} s to wait")]
    private static partial void LogLocked(ILogger logger, string user, string address, int seconds);
}
