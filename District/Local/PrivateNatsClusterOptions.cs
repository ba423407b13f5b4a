using Kiosk.District.Cluster;

namespace Kiosk.District.Local;

/// <summary>What <see cref="PrivateNatsCluster"/> starts.</summary>
public sealed record PrivateNatsClusterOptions
{
    /// <summary>How many nodes (the district runs three; the stream is replicated to min(3, nodes)).</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>TLS on the client ports with a certificate from a private CA (<see cref="PrivateNatsCluster.CaFile"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>The site ids that get a user (<c>site-{id}</c>, allowed to publish only under its own id).</summary>
    public IReadOnlyList<string> Sites { get; init; } = [];

    public DistrictStreamOptions Stream { get; init; } = new();

    /// <summary>
    /// bcrypt cost of the private cluster's passwords: the product's scheme (hashes in the config) at a low cost, since
    /// every test connection pays it on a busy 2-core machine.
    /// </summary>
    public int PasswordWorkFactor { get; init; } = 6;

    /// <summary>Bound of every start-up wait (each node healthy, the stream created).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
