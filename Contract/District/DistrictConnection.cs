namespace Kiosk.Contract.District;

/// <summary>What every client of the district cluster (a site's link, the district service, district-setup) shares.</summary>
public static class DistrictConnection
{
    /// <summary>
    /// How long a client waits for a node to accept it: the TLS handshake plus the node's bcrypt check of the password
    /// (cost 11). NATS.Net's default of 2 s is less than that check took on the VM tier's emulated CPU (14 to 21 s
    /// logged by the node as read-loop time), so every attempt was given up before the node answered and started over.
    /// The nodes allow the same order of time (<c>authorization { timeout }</c>).
    /// </summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(30);
}
