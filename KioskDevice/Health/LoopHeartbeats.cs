using System.Collections.Concurrent;

namespace Kiosk.Device.Health;

/// <summary>
/// The main loops (input, printing, outbox publisher, command handler) beat here on every turn. The watchdog only
/// pets systemd while every registered loop has beaten recently, so a hung loop gets the kiosk restarted instead of
/// leaving patients in front of a dead box.
/// </summary>
public sealed class LoopHeartbeats(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> lastBeat = new(StringComparer.Ordinal);

    public void Register(string loop) => lastBeat[loop] = time.GetTimestamp();

    public void Unregister(string loop) => lastBeat.TryRemove(loop, out _);

    public void Beat(string loop) => lastBeat[loop] = time.GetTimestamp();

    /// <summary>Loops that have not beaten within <paramref name="maxAge"/>; empty when all are alive.</summary>
    public IReadOnlyList<string> Stale(TimeSpan maxAge)
    {
        var now = time.GetTimestamp();
        return lastBeat.Where(pair => time.GetElapsedTime(pair.Value, now) > maxAge).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyCollection<string> Loops => lastBeat.Keys.ToArray();
}
