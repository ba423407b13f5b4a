using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// One-time login tickets for a program that runs this host in its own process and already knows a loket's password
/// (the desktop simulator opening every loket page logged in). A ticket can only be made in-process, never over HTTP;
/// redeeming it still logs in through the broker with that password, so the broker stays the only judge of a login.
/// An installed screens host never makes one, and a ticket is good once, for a few minutes.
/// </summary>
public sealed class LoginTickets(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Entry> tickets = new(StringComparer.Ordinal);

    public string Issue(int counter, string password)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counter, LoketSessions.MaxCounter);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var now = time.GetUtcNow();

        // Unused tickets (a panel reloaded before its frames loaded) are dropped here rather than by a timer.
        foreach (var stale in tickets.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
        {
            tickets.TryRemove(stale, out _);
        }

        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        tickets[ticket] = new Entry(counter, password, now + Lifetime);
        return ticket;
    }

    /// <summary>Takes the ticket out (a second use finds nothing) and says whose it was, if it is still good.</summary>
    public bool TryRedeem(string? ticket, out int counter, out string password)
    {
        counter = 0;
        password = string.Empty;
        if (string.IsNullOrEmpty(ticket) || !tickets.TryRemove(ticket, out var entry) || entry.ExpiresAt <= time.GetUtcNow())
        {
            return false;
        }

        counter = entry.Counter;
        password = entry.Password;
        return true;
    }

    private sealed record Entry(int Counter, string Password, DateTimeOffset ExpiresAt);
}
