using System.Text.Json;

namespace Kiosk.District.Cluster;

/// <summary>
/// What <c>district setup</c> decided, kept in <c>cluster.json</c> (0600) beside the configs so that
/// <c>setup --add-site</c> can write the same configs again with one user more: nodes, route password, users (hashes only).
/// </summary>
internal sealed record ClusterSetupState
{
    public const string FileName = "cluster.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public required IReadOnlyList<NatsNodeAddress> Nodes { get; init; }

    public required string RoutePassword { get; init; }

    public required IReadOnlyList<NatsClusterUser> Users { get; init; }

    public required IReadOnlyList<string> Sites { get; init; }

    public int RetentionDays { get; init; } = 400;

    public static ClusterSetupState? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ClusterSetupState>(File.ReadAllText(path), Json) : null;
    }

    public void Save(string folder) => SetupFiles.WriteSecret(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));
}
