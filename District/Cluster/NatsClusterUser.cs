namespace Kiosk.District.Cluster;

/// <summary>
/// One user of the cluster's account. <see cref="Password"/> is what the config holds: a bcrypt hash
/// (<c>$2a$…</c>, which nats-server checks itself) — never the plain password. Null permissions = everything (admin).
/// </summary>
public sealed record NatsClusterUser(string Name, string Password, NatsPermissions? Permissions);
