using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kiosk.Contract.Topics;

namespace Kiosk.Broker;

/// <summary>
/// Writes the Mosquitto ACL of <see cref="BrokerRights"/> (the role table) for one site.
/// Mosquitto denies whatever a user's block does not grant, so each block lists only what the role needs.
/// </summary>
public static partial class BrokerAcl
{
    public static string Generate(string site, int counterCount)
    {
        ValidateSite(site);
        ArgumentOutOfRangeException.ThrowIfLessThan(counterCount, 1);
        var topics = new SiteTopics(site);
        var acl = new StringBuilder();
        acl.AppendLine(CultureInfo.InvariantCulture, $"# Generated for site '{site}' with {counterCount} counters. Anything not granted here is denied.");
        acl.AppendLine();

        acl.AppendLine("# The kiosk is the one authority: it publishes everything and reads every counter's commands.");
        acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Kiosk}");
        // BrokerRights.Kiosk is read-write on every channel: the whole site tree, and nothing of another site.
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic readwrite {topics.All}");
        acl.AppendLine();

        acl.AppendLine("# Displays read public state only: never a counter's reply, which may carry card data.");
        acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Display}");
        AppendGrants(acl, topics, BrokerRights.Display, 0);
        acl.AppendLine();

        for (var i = 1; i <= counterCount; i++)
        {
            acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Counter(i)}");
            AppendGrants(acl, topics, BrokerRights.Counter, i);
            acl.AppendLine();
        }

        acl.AppendLine("# The bridge reads the public tree to forward it to the district broker; it never writes into the site.");
        acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Bridge}");
        AppendGrants(acl, topics, BrokerRights.Bridge, 0);
        acl.AppendLine();

        acl.AppendLine("# The BPJS bridge reads events and kiosk statuses and asks the kiosk for a ticket's card on its private channel.");
        acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Bpjs}");
        AppendGrants(acl, topics, BrokerRights.Bpjs, 0);
        return acl.ToString();
    }

    /// <summary>A site id becomes a topic level: letters, digits, '-' and '_' only, so no wildcard or separator can sneak in.</summary>
    public static void ValidateSite(string site)
    {
        if (string.IsNullOrEmpty(site) || !SiteId().IsMatch(site))
        {
            throw new ArgumentException($"Site id '{site}' is not valid: use 1-64 letters, digits, '-' or '_' (it becomes an MQTT topic level).", nameof(site));
        }
    }

    private static void AppendGrants(StringBuilder acl, SiteTopics topics, IReadOnlyList<BrokerGrant> grants, int counter)
    {
        foreach (var grant in grants)
        {
            var access = grant.Access switch
            {
                TopicAccess.Read => "read",
                TopicAccess.Write => "write",
                _ => "readwrite",
            };
            acl.AppendLine(CultureInfo.InvariantCulture, $"topic {access} {BrokerRights.Filter(topics, grant, counter)}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SiteId();
}
