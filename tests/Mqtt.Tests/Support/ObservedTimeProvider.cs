using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Mqtt.Tests.Support;

/// <summary>
/// FakeTimeProvider that also tells how many of its timers are armed and not yet fired: a loop awaiting
/// <c>Task.Delay(tick, time)</c> has one, so a test that moves the clock can wait until the loop has finished acting
/// on the last step instead of sleeping.
/// </summary>
internal sealed class ObservedTimeProvider() : FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1))
{
    private int armed;

    public int ArmedTimers => Volatile.Read(ref armed);

    public TimeSpan Now => GetUtcNow() - DateTimeOffset.UnixEpoch;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var observed = new ObservedTimer(this);
        observed.Attach(base.CreateTimer(s => observed.Fire(callback, s), state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        observed.Change(dueTime, period);
        return observed;
    }

    private sealed class ObservedTimer(ObservedTimeProvider owner) : ITimer
    {
        private readonly Lock gate = new();
        private ITimer? inner;
        private bool isArmed;
        private bool periodic;

        public void Attach(ITimer timer) => inner = timer;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (gate)
            {
                periodic = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
                SetArmed(dueTime != Timeout.InfiniteTimeSpan);
                return inner!.Change(dueTime, period);
            }
        }

        public void Fire(TimerCallback callback, object? state)
        {
            lock (gate)
            {
                SetArmed(periodic);
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (gate)
            {
                SetArmed(false);
                inner!.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void SetArmed(bool value)
        {
            if (value != isArmed)
            {
                isArmed = value;
                Interlocked.Add(ref owner.armed, value ? 1 : -1);
            }
        }
    }
}
