namespace Kiosk.Simulator.Devices;

/// <summary>
/// The kiosk's clock in the simulator: the machine's time plus an offset that only moves forward. The front panel
/// jumps it to a time of day (to watch the day close); the scenario runner moves it from one event to the next, so a
/// whole day passes in seconds. Timers run at the machine's pace, so the kiosk's periodic checks see each jump promptly.
/// </summary>
public sealed class SimulatorClock : TimeProvider
{
    private long offsetTicks;

    /// <summary>Raised after the clock jumped, so a kiosk in a child process can make the same jump.</summary>
    public event EventHandler? Moved;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock to <paramref name="instant"/>, or leaves it where it is when that lies in the past.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        while (true)
        {
            var current = Interlocked.Read(ref offsetTicks);
            var wanted = (instant - System.GetUtcNow()).Ticks;
            if (wanted <= current)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref offsetTicks, wanted, current) == current)
            {
                Moved?.Invoke(this, EventArgs.Empty);
                return;
            }
        }
    }

    /// <summary>Takes another clock's offset (the parent's), or stays where it is when that lies behind.</summary>
    public void AdvanceOffsetTo(TimeSpan offset)
    {
        while (true)
        {
            var current = Interlocked.Read(ref offsetTicks);
            if (offset.Ticks <= current)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref offsetTicks, offset.Ticks, current) == current)
            {
                Moved?.Invoke(this, EventArgs.Empty);
                return;
            }
        }
    }

    /// <summary>The next moment the clock in <paramref name="zone"/> reads <paramref name="timeOfDay"/> (today if still ahead, else tomorrow).</summary>
    public DateTimeOffset NextLocal(TimeOnly timeOfDay, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = TimeZoneInfo.ConvertTime(GetUtcNow(), zone);
        var local = now.Date + timeOfDay.ToTimeSpan();
        if (local <= now.DateTime)
        {
            local = local.AddDays(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
