namespace Kiosk.Bpjs.Outbox;

/// <summary>
/// When a report BPJS did not take is tried again: the wait doubles per attempt from <see cref="Min"/> up to
/// <see cref="Max"/>, and each wait is drawn between its half and its whole, so the reports of a morning's outage do not
/// all hit BPJS in the same second when the link comes back.
/// </summary>
public sealed class RetrySchedule(TimeSpan min, TimeSpan max, Random? random = null)
{
    private readonly Random random = random ?? Random.Shared;

    public TimeSpan Min { get; } = min;

    public TimeSpan Max { get; } = max;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1 for the first).</summary>
    public TimeSpan After(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(Min.Ticks * Math.Pow(2, exponent), Max.Ticks);
        return TimeSpan.FromTicks((long)(full / 2 + random.NextDouble() * full / 2));
    }
}
