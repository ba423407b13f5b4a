namespace Kiosk.Screens.Configuration;

/// <summary>The <c>Screens</c> section of appsettings.json: where the broker is, which site, what the TV shows.</summary>
public sealed class ScreensOptions
{
    public const string Section = "Screens";

    /// <summary>Topic prefix <c>queue/{SiteId}</c>; the same id as the kiosk's <c>Kiosk:Site:Id</c>.</summary>
    public string SiteId { get; set; } = string.Empty;

    /// <summary>Shown at the top of the display, e.g. "UPTD Puskesmas Kokop".</summary>
    public string SiteName { get; set; } = string.Empty;

    /// <summary>IANA zone of the site (Asia/Jakarta, Asia/Makassar, Asia/Jayapura): clock, dates and session end.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>The site's zone (checked at start by the options validator).</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public string MqttHost { get; set; } = "127.0.0.1";

    public int MqttPort { get; set; } = 1883;

    /// <summary>Password of the broker's read-only <c>display</c> user.</summary>
    public string DisplayPassword { get; set; } = string.Empty;

    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>Running text at the bottom of the display.</summary>
    public string RunningText { get; set; } = string.Empty;

    /// <summary>Loket sessions end at this local time (the day close), "HH:mm"; empty = midnight.</summary>
    public string SessionEndTime { get; set; } = string.Empty;

    /// <summary>
    /// How long the host keeps sending a command the kiosk has not answered. The kiosk refuses a command pressed over
    /// 2 minutes ago (clock rule), so sending longer would only earn a refusal.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 110;

    /// <summary>How long one POST waits for the kiosk's reply before the page is told "not answered yet" (it keeps going).</summary>
    public int CommandAnswerWaitMilliseconds { get; set; } = 800;

    /// <summary>How often the lokets and displays look whether a kiosk went silent (the two-heartbeat rule).</summary>
    public int KioskCheckSeconds { get; set; } = 2;

    /// <summary>The same command id is published again after this long without a reply (the kiosk runs it once).</summary>
    public int CommandRepeatSeconds { get; set; } = 3;

    /// <summary>SOP time per service code, minutes (for the amber/red timer on the loket page); default 5.</summary>
    public Dictionary<string, int> SopTargetMinutes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Minutes an SOP gives one patient of <paramref name="serviceCode"/>; 5 when the service has no entry.</summary>
    public int SopMinutesFor(string serviceCode) => SopTargetMinutes.TryGetValue(serviceCode, out var minutes) ? minutes : DefaultSopMinutes;

    public const int DefaultSopMinutes = 5;

    /// <summary>Messages queued for one browser; a browser that falls this far behind is dropped (it reconnects).</summary>
    public int ClientQueueCapacity { get; set; } = 256;

    /// <summary>
    /// A call older than this when it reaches the display (after an outage), or when the display's voice queue gets to it
    /// (a rush of calls), is shown but not announced.
    /// </summary>
    public int AnnounceMaxAgeSeconds { get; set; } = 60;

    /// <summary>Generated default clips (voice/generate-clips.sh writes them here).</summary>
    public string ClipDirectory { get; set; } = "voice/clips";

    /// <summary>The Puskesmas's own recordings: a WAV here replaces the generated clip of the same name.</summary>
    public string ClipOverrideDirectory { get; set; } = "/etc/kiosk/suara";

    /// <summary>HTTPS for the pages (kiosk-setup --screens-tls makes a self-signed certificate); empty paths = plain HTTP.</summary>
    public ScreensTlsOptions Tls { get; set; } = new();
}

/// <summary>
/// <c>Screens:Tls</c>: a PEM certificate and its private key. With both set, Kestrel serves every <c>https://</c> address
/// of <c>Urls</c> with it, the loket page and its API answer only over HTTPS (plain HTTP is redirected or refused) and
/// the session cookie is <c>Secure</c>; the waiting-room display stays reachable over plain HTTP for the TV.
/// </summary>
public sealed class ScreensTlsOptions
{
    public string CertificatePath { get; set; } = string.Empty;

    public string KeyPath { get; set; } = string.Empty;

    public bool Enabled => CertificatePath.Length > 0 || KeyPath.Length > 0;
}
