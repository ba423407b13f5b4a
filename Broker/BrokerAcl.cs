using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kiosk.Contract.Topics;

namespace Kiosk.Broker;

/// <summary>
/// Writes the Mosquitto ACL that implements the role table of ARCHITECTURE.md for one site.
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
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic readwrite {topics.All}");
        acl.AppendLine();

        acl.AppendLine("# Displays read public state only: never a counter's reply, which may carry card data.");
        acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Display}");
        AppendPublicRead(acl, topics);
        acl.AppendLine();

        for (var i = 1; i <= counterCount; i++)
        {
            acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Counter(i)}");
            acl.AppendLine(CultureInfo.InvariantCulture, $"topic write {topics.Command(i)}");
            acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.Reply(i)}");
            AppendPublicRead(acl, topics);
            acl.AppendLine();
        }

        acl.AppendLine("# The bridge forwards the site's tree to the district broker; it never writes into the site.");
        acl.AppendLine(CultureInfo.InvariantCulture, $"user {BrokerRoles.Bridge}");
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.State}");
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.Events}");
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.AnyKioskStatus}");
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

    private static void AppendPublicRead(StringBuilder acl, SiteTopics topics)
    {
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.State}");
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.Events}");
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.AnyKioskStatus}");
        acl.AppendLine(CultureInfo.InvariantCulture, $"topic read {topics.AnyDisplay}");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SiteId();
}
