namespace Kiosk.Simulator.Devices;

/// <summary>
/// The simulator's one clock: the machine's time plus an offset. The kiosk, its screens host (which stamps every loket
/// command's <c>sentAt</c>) and the panel's own loket desks all read it, so a jump never looks like a loket PC whose
/// clock is wrong. The scenario runner only moves it forward, from one event to the next, so a whole day passes in
/// seconds; the front panel also moves it back within a day, as a technician walking a day forward and back does.
/// Timers run at the machine's pace, so the kiosk's periodic checks see each jump promptly.
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

    /// <summary>Sets the clock to <paramref name="instant"/>, forward or back (the front panel's jumps).</summary>
    public void MoveTo(DateTimeOffset instant) => SetOffset(instant - System.GetUtcNow());

    /// <summary>Takes another clock's offset as it is, forward or back (a kiosk process follows its simulator).</summary>
    public void SetOffset(TimeSpan offset)
    {
        if (Interlocked.Exchange(ref offsetTicks, offset.Ticks) != offset.Ticks)
        {
            Moved?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>The moment the clock in <paramref name="zone"/> reads <paramref name="timeOfDay"/>, <paramref name="days"/> after today's date.</summary>
    public DateTimeOffset Local(TimeOnly timeOfDay, TimeZoneInfo zone, int days = 0)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = TimeZoneInfo.ConvertTime(GetUtcNow(), zone).Date;
        var local = today.AddDays(days) + timeOfDay.ToTimeSpan();
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
