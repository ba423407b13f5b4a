namespace Kiosk.District.Cluster;

/// <summary>A NATS user and its password, as a client presents them.</summary>
public sealed record NatsCredentials(string User, string Password)
{
    // The password is a secret: never in a log line or an assertion message.
    public override string ToString() => $"{User} (password hidden)";
}
