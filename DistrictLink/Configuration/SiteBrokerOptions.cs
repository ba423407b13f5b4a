using Kiosk.Broker;

namespace Kiosk.DistrictLink.Configuration;

/// <summary>The site's Mosquitto, reached as the <c>bridge</c> role (it reads the public tree and never writes into the site).</summary>
public sealed class SiteBrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string Username { get; set; } = BrokerRoles.Bridge;

    public string Password { get; set; } = string.Empty;

    public int KeepAliveSeconds { get; set; } = 15;
}
