namespace Kiosk.Bpjs.Reporting;

/// <summary>What the bridge has reached, for its readiness and the tests: subscribed on the site's broker.</summary>
public sealed class BridgeProgress
{
    private volatile bool subscribed;

    public bool Subscribed => subscribed;

    internal void SubscriptionMade() => subscribed = true;
}
