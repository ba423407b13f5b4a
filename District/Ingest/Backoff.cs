namespace Kiosk.District.Ingest;

/// <summary>Bounded exponential back-off for retries while PostgreSQL or the cluster is away: 0.2 s doubling up to the cap.</summary>
internal sealed class Backoff(TimeSpan maximum)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    private TimeSpan next = First;

    public TimeSpan Next()
    {
        var now = next < maximum ? next : maximum;
        next = now * 2;
        return now;
    }

    public void Reset() => next = First;
}
