namespace Kiosk.District.Cluster;

/// <summary>How the stream keeps what the sites send.</summary>
public sealed record DistrictStreamOptions
{
    /// <summary>A message older than this is removed (the monthly report and a year-on-year look back need 13 months).</summary>
    public int RetentionDays { get; init; } = 400;

    /// <summary>
    /// How long JetStream remembers a Nats-Msg-Id to drop a resend. Two hours covers what resends in practice — a
    /// district link restarted after a crash or a power cut, a reconnect after a short cut — while the server keeps
    /// every id of the window in memory on each node (a kabupaten's busy day is ~300,000 events, a province's millions).
    /// A resend later than that is still dropped by the district service, whose rows are unique by (site, sequence).
    /// </summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromHours(2);

    public int MaxMessageSize { get; init; } = NatsClusterConfig.DefaultMaxPayload;
}
