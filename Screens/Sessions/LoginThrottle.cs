using System.Net;
using System.Net.Sockets;
using Kiosk.Screens.Text;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// Limits password guesses at the loket login, per counter and per client address. The story of one attempt:
/// <see cref="TryBegin"/> refuses it while either key is locked or already has an attempt in flight (before the password
/// is looked at and before any MQTT connect, so the right password is refused too during a lock-out); otherwise the
/// login runs and <see cref="Finish"/> records what the broker said. From the <see cref="FreeFailures"/>th refused
/// password in a row a key is locked for <see cref="FirstLock"/>, doubling with each further failure up to
/// <see cref="MaxLock"/>; a successful login clears both keys; a key quiet for <see cref="ForgetAfter"/> is forgotten.
/// </summary>
/// <remarks>
/// Why an own tracker rather than ASP.NET Core's rate limiting middleware: the middleware's limiters count requests in
/// windows of a fixed size on their own clock; they cannot grow a delay with each refused password, cannot tell a
/// refused password from a good one (a success must clear the count), cannot hold one counter at one attempt in flight
/// (500 parallel guesses would all reach the broker before the first failure counts) and cannot run on an injected
/// <see cref="TimeProvider"/>. A refusal here costs one dictionary look-up and no log line, so a flood of refused
/// attempts is cheap without the middleware. Memory is bounded: counters are 1..99, and addresses are kept to
/// <see cref="MaxAddresses"/> (the oldest quiet one makes room; the per-counter lock still holds when a flood from many
/// addresses pushes address entries out). IPv6 clients are counted per /64, the block one machine usually holds.
/// </remarks>
public sealed partial class LoginThrottle(TimeProvider time, ILogger<LoginThrottle> logger)
{
    public const int FreeFailures = 5;
    public const int MaxAddresses = 1024;
    public const int MaxInFlightPerAddress = 4;
    public static readonly TimeSpan FirstLock = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxLock = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(15);

    /// <summary>At most one log line per counter per window; the next line says how many were left out.</summary>
    public static readonly TimeSpan LogWindow = TimeSpan.FromMinutes(1);

    /// <summary>The wait a refused attempt is told when another attempt for the same key is still running.</summary>
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<int, Entry> counters = [];
    private readonly Dictionary<string, Entry> addresses = new(StringComparer.Ordinal);
    private DateTimeOffset lastSweep;

    /// <summary>Address entries held now (for the memory-bound test).</summary>
    public int AddressCount
    {
        get
        {
            lock (gate)
            {
                return addresses.Count;
            }
        }
    }

    /// <summary>The key an address is counted under: IPv4 as is, IPv6 by its /64.</summary>
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

    /// <summary>
    /// True when the attempt may go to the broker (then <see cref="Finish"/> must follow); false with how long to wait
    /// when a lock or a running attempt refuses it.
    /// </summary>
    public bool TryBegin(int counter, string address, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            counters.TryGetValue(counter, out var byCounter);
            addresses.TryGetValue(address, out var byAddress);
            retryAfter = Max(Wait(byCounter, now, 1), Wait(byAddress, now, MaxInFlightPerAddress));
            if (retryAfter > TimeSpan.Zero)
            {
                byCounter ??= counters[counter] = new Entry();
                byCounter.LastSeen = now;
                if (ShouldLog(byCounter, now, out var leftOut))
                {
                    LogLocked(logger, counter, address, Seconds(retryAfter), leftOut);
                }

                return false;
            }

            byCounter ??= counters[counter] = new Entry();
            byAddress ??= AddAddress(address, now);
            byCounter.InFlight++;
            byAddress.InFlight++;
            byCounter.LastSeen = byAddress.LastSeen = now;
            return true;
        }
    }

    /// <summary>Records the broker's answer to an attempt <see cref="TryBegin"/> let through.</summary>
    public void Finish(int counter, string address, LoginOutcome outcome)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var byCounter = counters.GetValueOrDefault(counter) ?? (counters[counter] = new Entry());
            var byAddress = addresses.GetValueOrDefault(address) ?? AddAddress(address, now);
            byCounter.InFlight = Math.Max(0, byCounter.InFlight - 1);
            byAddress.InFlight = Math.Max(0, byAddress.InFlight - 1);
            byCounter.LastSeen = byAddress.LastSeen = now;
            switch (outcome)
            {
                case LoginOutcome.Accepted:
                    byCounter.Clear();
                    byAddress.Clear();
                    break;
                case LoginOutcome.Refused:
                    Fail(byCounter, now);
                    Fail(byAddress, now);
                    if (ShouldLog(byCounter, now, out var leftOut))
                    {
                        LogRefused(logger, counter, address, byCounter.Failures, leftOut);
                    }

                    break;
                default:
                    if (ShouldLog(byCounter, now, out var unreachableLeftOut))
                    {
                        LogUnreachable(logger, counter, address, unreachableLeftOut);
                    }

                    break;
            }

            if (byAddress.IsIdle)
            {
                addresses.Remove(address);
            }

            Sweep(now);
        }
    }

    /// <summary>What the officer reads when refused: the wait in whole seconds, at least one.</summary>
    public static string Message(TimeSpan retryAfter) => Teks.TooManyAttempts(Seconds(retryAfter));

    public static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));

    private static TimeSpan Wait(Entry? entry, DateTimeOffset now, int maxInFlight)
    {
        if (entry is null)
        {
            return TimeSpan.Zero;
        }

        var locked = entry.LockedUntil - now;
        return Max(locked, entry.InFlight >= maxInFlight ? BusyWait : TimeSpan.Zero);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void Fail(Entry entry, DateTimeOffset now)
    {
        entry.Failures++;
        if (entry.Failures >= FreeFailures)
        {
            // 1 s, 2 s, 4 s ... doubling per failure, capped (the shift is capped first so it cannot overflow).
            var doublings = Math.Min(entry.Failures - FreeFailures, 20);
            var lockFor = TimeSpan.FromTicks(Math.Min(FirstLock.Ticks << doublings, MaxLock.Ticks));
            entry.LockedUntil = now + lockFor;
        }
    }

    /// <summary>True at most once per counter per <see cref="LogWindow"/>, with the lines left out since the last one.</summary>
    private static bool ShouldLog(Entry entry, DateTimeOffset now, out int leftOut)
    {
        leftOut = entry.Suppressed;
        if (now - entry.LastLogged >= LogWindow)
        {
            entry.LastLogged = now;
            entry.Suppressed = 0;
            return true;
        }

        entry.Suppressed++;
        return false;
    }

    private Entry AddAddress(string address, DateTimeOffset now)
    {
        if (addresses.Count >= MaxAddresses)
        {
            Sweep(now, force: true);
        }

        if (addresses.Count >= MaxAddresses)
        {
            // Full of recent failures from many addresses (a flood): the one quiet longest makes room. One exists: at
            // most one attempt per counter is in flight, so at most 99 of the entries are busy.
            addresses.Remove(addresses.Where(p => p.Value.InFlight == 0).MinBy(p => p.Value.LastSeen).Key);
        }

        var entry = new Entry { LastSeen = now };
        addresses[address] = entry;
        return entry;
    }

    private void Sweep(DateTimeOffset now, bool force = false)
    {
        if (!force && now - lastSweep < TimeSpan.FromSeconds(30))
        {
            return;
        }

        lastSweep = now;
        foreach (var key in addresses.Where(p => p.Value.IsForgotten(now)).Select(p => p.Key).ToList())
        {
            addresses.Remove(key);
        }

        foreach (var key in counters.Where(p => p.Value.IsForgotten(now)).Select(p => p.Key).ToList())
        {
            counters.Remove(key);
        }
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public int InFlight { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset LastLogged { get; set; }

        public int Suppressed { get; set; }

        public bool IsIdle => Failures == 0 && InFlight == 0;

        public bool IsForgotten(DateTimeOffset now) => InFlight == 0 && now >= LockedUntil && now - LastSeen >= ForgetAfter;

        public void Clear()
        {
            Failures = 0;
            LockedUntil = default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login as loket {Counter} from {Address} refused: wrong password ({Failures} in a row; {Suppressed} login lines for this loket left out since the last one)")]
    private static partial void LogRefused(ILogger logger, int counter, string address, int failures, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login as loket {Counter} from {Address} refused unchecked: too many attempts, {Seconds} s to wait ({Suppressed} login lines for this loket left out since the last one)")]
    private static partial void LogLocked(ILogger logger, int counter, string address, int seconds, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login as loket {Counter} from {Address} failed: broker unreachable ({Suppressed} login lines for this loket left out since the last one)")]
    private static partial void LogUnreachable(ILogger logger, int counter, string address, int suppressed);
}
