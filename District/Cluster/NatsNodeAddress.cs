namespace Kiosk.District.Cluster;

/// <summary>
/// One node of the cluster: its name, the host the other nodes and the clients reach it by, and its three ports
/// (clients, routes between nodes, HTTP monitoring).
/// </summary>
public sealed record NatsNodeAddress(string Name, string Host, int ClientPort, int ClusterPort, int MonitorPort);
