namespace Kiosk.DistrictLink.Forwarding;

/// <summary>How far the link is, shared by the forwarder (writes) and the heartbeat (reads).</summary>
public sealed class LinkProgress
{
    private const long Unknown = long.MinValue;
    private long lastForwardedSequence = Unknown;
    private long siteSequence = Unknown;
    private long forwarded;
    private volatile bool subscribed;

    /// <summary>The sequence of the last event JetStream acknowledged; null before the first.</summary>
    public long? LastForwardedSequence => Read(ref lastForwardedSequence);

    /// <summary>The kiosk's newest committed sequence from the retained state; null when not seen yet.</summary>
    public long? SiteSequence => Read(ref siteSequence);

    /// <summary>Messages JetStream acknowledged since the link started (events and status).</summary>
    public long Forwarded => Interlocked.Read(ref forwarded);

    /// <summary>Whether the site's broker has the link's subscriptions, so its session queues what the kiosk publishes.</summary>
    public bool Subscribed => subscribed;

    public void SubscriptionsMade() => subscribed = true;

    public void Stored(long? eventSequence)
    {
        if (eventSequence is { } sequence)
        {
            Interlocked.Exchange(ref lastForwardedSequence, sequence);
        }

        Interlocked.Increment(ref forwarded);
    }

    public void SiteAt(long sequence) => Interlocked.Exchange(ref siteSequence, sequence);

    private static long? Read(ref long field) => Interlocked.Read(ref field) is var value && value != Unknown ? value : null;
}
