namespace Kiosk.District.Cluster;

/// <summary>A NATS user and its password, as a client presents them.</summary>
public sealed record NatsCredentials(string User, string Password)
{
    /// <summary>The connection's inbox prefix: a site's own (<see cref="Contract.District.DistrictSubjects.SiteInbox"/>), else NATS's default.</summary>
    public string InboxPrefix { get; init; } = "_INBOX";

    // The password is a secret: never in a log line or an assertion message.
    public override string ToString() => $"{User} (password hidden)";
}
