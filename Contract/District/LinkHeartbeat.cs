namespace Kiosk.Contract.District;

/// <summary>
/// What a site's district link says about itself on <c>puskesmas.{site}.link</c> (core NATS, not stored): whether it
/// reaches the site's broker and how far behind the kiosk it is. The district judges "terputus" by these stopping.
/// </summary>
public sealed record LinkHeartbeat
{
    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required string Site { get; init; }

    /// <summary>The site's clock when sent (a skewed site clock is shown, never trusted for ordering).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>Whether the link is connected to the site's Mosquitto right now.</summary>
    public required bool SiteBrokerConnected { get; init; }

    /// <summary>The sequence of the last event the cluster acknowledged from this link; null before the first.</summary>
    public required long? LastForwardedSequence { get; init; }

    /// <summary>The newest sequence the kiosk has committed (from the site's retained state); null when unknown.</summary>
    public required long? SiteSequence { get; init; }

    /// <summary>The link sends a heartbeat at least this often.</summary>
    public required int HeartbeatSeconds { get; init; }
}
