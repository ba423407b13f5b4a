namespace Kiosk.DistrictLink.Configuration;

/// <summary>
/// The district link's settings, section <c>DistrictLink</c>. On a site they come from <c>/etc/kiosk/district.env</c>
/// (written by <c>kiosk-setup --district</c>) as environment variables such as <c>DistrictLink__Nats__Urls</c>.
/// </summary>
public sealed class DistrictLinkOptions
{
    public const string Section = "DistrictLink";

    /// <summary>The Puskesmas id, the same as the kiosk's <c>Kiosk:Site:Id</c>: the MQTT tree read and the NATS subjects written.</summary>
    public string Site { get; set; } = string.Empty;

    /// <summary>How often a <see cref="Kiosk.Contract.District.LinkHeartbeat"/> goes to the district.</summary>
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>First wait after a failed JetStream publish; doubles up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryMinMilliseconds { get; set; } = 200;

    public int RetryMaxSeconds { get; set; } = 15;

    public SiteBrokerOptions Mqtt { get; set; } = new();

    public DistrictNatsOptions Nats { get; set; } = new();
}
