namespace Kiosk.DistrictLink.Forwarding;

/// <summary>What the link does with one message from the site's broker. Every message gets one, then its PUBACK.</summary>
public abstract record LinkDecision
{
    private LinkDecision()
    {
    }

    /// <summary>
    /// Publish the payload unchanged on <paramref name="Subject"/> with <paramref name="MessageId"/> as Nats-Msg-Id.
    /// <paramref name="EventSequence"/> is the event's sequence (null for a status or an unreadable payload);
    /// <paramref name="Unreadable"/> says why the payload did not read as the contract (the district stores it aside).
    /// </summary>
    public sealed record Forward(string Subject, string MessageId, long? EventSequence, string? Unreadable) : LinkDecision;

    /// <summary>The retained state: only its sequence is kept (the kiosk's newest, for the backlog figure); not forwarded.</summary>
    public sealed record SiteState(long? Sequence) : LinkDecision;

    /// <summary>A message the link cannot place on a district subject; logged with <paramref name="Reason"/> and acknowledged.</summary>
    public sealed record Drop(string Reason) : LinkDecision;
}
