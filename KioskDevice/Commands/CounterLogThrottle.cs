using System.Collections.Concurrent;

namespace Kiosk.Device.Commands;

/// <summary>
/// At most <see cref="LinesPerWindow"/> refusal lines per counter per minute. A broken or hostile loket can send
/// thousands of bad commands a second; each still gets its reply, but logging each would fill the SD card and bury the
/// lines of every other counter. The first line of the next window carries how many were left out.
/// </summary>
public sealed class CounterLogThrottle(TimeProvider time)
{
    public const int LinesPerWindow = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, State> counters = new();

    /// <summary>True when this line may be written; <paramref name="suppressed"/> is how many were left out before it.</summary>
    public bool TryTake(int counter, out int suppressed)
    {
        var state = counters.GetOrAdd(counter, static _ => new State());
        lock (state)
        {
            var now = time.GetUtcNow();
            if (now - state.WindowStart >= Window)
            {
                state.WindowStart = now;
                state.Written = 0;
            }

            if (state.Written < LinesPerWindow)
            {
                state.Written++;
                suppressed = state.Suppressed;
                state.Suppressed = 0;
                return true;
            }

            state.Suppressed++;
            suppressed = 0;
            return false;
        }
    }

    private sealed class State
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Written { get; set; }

        public int Suppressed { get; set; }
    }
}
