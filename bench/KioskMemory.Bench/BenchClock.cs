namespace Kiosk.Memory.Bench;

/// <summary>
/// The kiosk child's clock: the machine's time plus an offset the bench sets, as the simulator's clock does for its
/// kiosk part. Timers keep the machine's pace, so the day-close check still runs every 20 s of real time.
/// </summary>
internal sealed class BenchClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void MoveTo(DateTimeOffset instant) => Interlocked.Exchange(ref offsetTicks, (instant - System.GetUtcNow()).Ticks);
}
