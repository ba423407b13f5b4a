using System.Globalization;
using System.Text;
using Kiosk.Contract.Topics;

namespace Kiosk.Broker;

/// <summary>
/// The Mosquitto bridge from a Puskesmas broker to the district (Dinas Kesehatan) cluster: the site's public queue tree
/// goes out, nothing comes back in, so the district sees every Puskesmas but can never call a patient or read card data.
/// </summary>
public static class BrokerBridge
{
    /// <param name="site">Site id; only <c>queue/{site}/...</c> public topics are forwarded.</param>
    /// <param name="districtHost">District broker host.</param>
    /// <param name="districtPort">District broker port (8883 with TLS).</param>
    /// <param name="username">The site's user on the district broker.</param>
    /// <param name="password">Its password.</param>
    /// <param name="caFile">CA of the district broker's certificate; null for a plain connection (tests, a closed LAN).</param>
    public static string Generate(string site, string districtHost, int districtPort, string username, string password, string? caFile)
    {
        BrokerAcl.ValidateSite(site);
        ArgumentException.ThrowIfNullOrWhiteSpace(districtHost);
        ArgumentOutOfRangeException.ThrowIfLessThan(districtPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(districtPort, 65535);
        var topics = new SiteTopics(site);
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"# Bridge of site '{site}' to the district broker. Out only: the district cannot write into the site.");
        config.AppendLine(CultureInfo.InvariantCulture, $"connection district-{site}");
        config.AppendLine(CultureInfo.InvariantCulture, $"address {districtHost}:{districtPort}");
        if (caFile is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"bridge_cafile {caFile}");
        }

        config.AppendLine("bridge_protocol_version mqttv311");
        config.AppendLine(CultureInfo.InvariantCulture, $"remote_username {username}");
        config.AppendLine(CultureInfo.InvariantCulture, $"remote_password {password}");
        config.AppendLine(CultureInfo.InvariantCulture, $"remote_clientid bridge-{site}");
        // A persistent session at the district: what the site published while the link was down is delivered after.
        config.AppendLine("cleansession false");
        config.AppendLine("notifications true");
        config.AppendLine(CultureInfo.InvariantCulture, $"notification_topic {topics.BridgeStatus}");
        config.AppendLine("try_private true");
        config.AppendLine("restart_timeout 2 30");
        // Exactly what the bridge role may read (BrokerRights.Bridge): the public tree, never a counter's topics.
        foreach (var grant in BrokerRights.Bridge.Where(g => g.CanRead))
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"topic {BrokerRights.Filter(topics, grant)} out 1");
        }
        return config.ToString();
    }
}
