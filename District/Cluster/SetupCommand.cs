namespace Kiosk.District.Cluster;

/// <summary><c>setup ...</c>: the NATS cluster's configuration, CA and site users (infra helper fills this).</summary>
public static class SetupCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length == 0 ? 64 : 64);
}
