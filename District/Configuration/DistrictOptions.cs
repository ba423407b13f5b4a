namespace Kiosk.District.Configuration;

/// <summary>The district service's settings, section <c>District</c>; checked once at start by <see cref="DistrictOptionsCheck"/>.</summary>
public sealed class DistrictOptions
{
    public const string Section = "District";

    /// <summary>The cluster's client URLs (all three nodes), <c>nats://</c> or <c>tls://</c>.</summary>
    public string[] NatsUrls { get; set; } = [];

    /// <summary>The read-only <c>district</c> user; empty on a cluster without users (tests only).</summary>
    public string? NatsUser { get; set; }

    public string? NatsPassword { get; set; }

    /// <summary>The private CA's certificate (PEM) that district-setup made; set when the cluster speaks TLS.</summary>
    public string? CaFile { get; set; }

    public string Postgres { get; set; } = "";

    /// <summary>
    /// Messages written per PostgreSQL transaction at most. 2,000 rather than 500: the writer alone did about 20,000
    /// events/s in batches of 2,000 against about 15,000 in batches of 500 (IngestWriter's remarks). A consumer the
    /// service creates allows two batches unacknowledged.
    /// </summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>How long one pull waits for the first message when the stream is idle.</summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// JetStream redelivers a message not acknowledged within this. A batch that waits for PostgreSQL is kept by
    /// in-progress acks, so this only bounds how late a message comes back that was delivered when a node or the
    /// connection died before its ack: 5 minutes left the last rows of the bench's one-node-down run that late.
    /// </summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between two attempts while PostgreSQL or the cluster is away.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A message larger than this is stored aside, never parsed.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>A site's link counts as cut after this many heartbeat periods without one (the pages read it).</summary>
    public int LinkStaleHeartbeats { get; set; } = 3;

    /// <summary>The stream's age limit in days, shown to the operator (the stream itself is configured by district-setup).</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>The district's time zone, for "sejak HH.MM" in the operator's lines.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
}
