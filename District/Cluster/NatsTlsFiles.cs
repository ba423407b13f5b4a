namespace Kiosk.District.Cluster;

/// <summary>PEM files of one node's client-port TLS: its certificate and key, and the private CA that signed it.</summary>
public sealed record NatsTlsFiles(string CertFile, string KeyFile, string CaFile);
