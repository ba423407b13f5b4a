using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kiosk.Contract.District;

namespace Kiosk.District.Cluster;

/// <summary>
/// The nats-server configuration of the district cluster, one file per node: the same account, users and permissions
/// on every node, each node with its own name, ports and store. Used by <c>district setup</c> (the real nodes) and by
/// <c>PrivateNatsCluster</c> (tests, <c>./kiosk.sh district</c>), so the tests run the permissions the product ships.
/// </summary>
public sealed class NatsClusterConfig
{
    /// <summary>The one account every user lives in; JetStream is enabled for it.</summary>
    public const string AccountName = "KABUPATEN";

    public const string AdminUser = "admin";

    public const string DistrictUser = "district";

    /// <summary>The user name of the routes between nodes (cluster authorization, not a client account user).</summary>
    public const string RouteUser = "route";

    /// <summary>
    /// The largest message a client may publish: a kiosk event or status is a few hundred bytes, a day recap a few KiB.
    /// The server refuses anything larger, so an oversized message never reaches the stream.
    /// </summary>
    public const int DefaultMaxPayload = 64 * 1024;

    /// <summary>bcrypt cost of the stored passwords: the server pays it once per connection, not per message.</summary>
    public const int DefaultWorkFactor = 11;

    /// <summary>
    /// Seconds a client has for its TLS handshake. nats-server's default (2 s) and our first 5 s were too short for a
    /// Puskesmas on a slow line and for the VM tier's emulated guest, whose district service was refused again and again.
    /// </summary>
    public const int TlsHandshakeSeconds = 10;

    /// <summary>
    /// Seconds from a client's connection to its CONNECT being checked: the TLS handshake plus the bcrypt check of its
    /// password (cost 11). nats-server's default is the TLS timeout plus one second; under the VM tier's emulation
    /// (TCG) that was not enough and every attempt ended in "Authentication Timeout". A connection that never authenticates
    /// is still dropped, only later.
    /// </summary>
    public const int AuthenticationSeconds = 30;

    public required string ClusterName { get; init; }

    public required IReadOnlyList<NatsNodeAddress> Nodes { get; init; }

    /// <summary>The routes' shared password (plain: a node presents it to the others in its route URLs).</summary>
    public required string RoutePassword { get; init; }

    public required IReadOnlyList<NatsClusterUser> Users { get; init; }

    public int MaxPayload { get; init; } = DefaultMaxPayload;

    /// <summary>JetStream's file store limit per node in bytes; null leaves nats-server's default (the disk).</summary>
    public long? MaxFileStore { get; init; }

    /// <summary>The address the node binds its client and route ports to (0.0.0.0 on a real node, 127.0.0.1 in tests).</summary>
    public string ListenHost { get; init; } = "0.0.0.0";

    /// <summary>The monitoring port stays on loopback on a real node: it shows every connection and is not authenticated.</summary>
    public string MonitorHost { get; init; } = "127.0.0.1";

    /// <summary>The permissions of site <paramref name="site"/>'s user: publish only under its own id, read only its own JetStream acks.</summary>
    public static NatsPermissions SitePermissions(string site) =>
        new([DistrictSubjects.SiteTree(site)], [$"{DistrictSubjects.SiteInbox(site)}.>"]);

    /// <summary>
    /// The district service's permissions: read every site's subjects, and of JetStream only what reading the stream
    /// through its durable consumer needs with NATS.Net (<c>CreateOrUpdateConsumerAsync(stream, …)</c> without a filter
    /// subject, <c>GetConsumerAsync</c>, fetch or consume, ack) — as observed by the cluster security test.
    /// Nothing under <c>puskesmas.</c> may be published, no stream or consumer deleted, no other consumer touched.
    /// </summary>
    public static NatsPermissions DistrictPermissions { get; } = new(
        [
            $"$JS.API.CONSUMER.CREATE.{DistrictSubjects.StreamName}.{DistrictSubjects.DistrictConsumer}",
            $"$JS.API.CONSUMER.INFO.{DistrictSubjects.StreamName}.{DistrictSubjects.DistrictConsumer}",
            $"$JS.API.CONSUMER.MSG.NEXT.{DistrictSubjects.StreamName}.{DistrictSubjects.DistrictConsumer}",
            $"$JS.ACK.{DistrictSubjects.StreamName}.{DistrictSubjects.DistrictConsumer}.>",
        ],
        [$"{DistrictSubjects.Prefix}.>", InboxTree]);

    /// <summary>Where the district service's replies come back (NATS.Net's default inbox prefix): its JetStream API answers.</summary>
    public const string InboxTree = "_INBOX.>";

    public static string SiteUser(string site) =>
        DistrictSubjects.IsToken(site) ? $"site-{site}" : throw new ArgumentException($"'{site}' is not a site id (letters, digits, '-', '_').", nameof(site));

    /// <summary>A random password: 24 bytes, hex (no character needs quoting in a URL, a shell or the config).</summary>
    public static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>The bcrypt hash nats-server checks a password against (<c>$2a$</c>).</summary>
    public static string HashPassword(string password, int workFactor = DefaultWorkFactor) =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(workFactor, 'a'));

    /// <summary>The config file of node <paramref name="index"/>.</summary>
    public string Render(int index, string storeDirectory, NatsTlsFiles? tls = null, string? logFile = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Nodes.Count);
        var node = Nodes[index];
        var text = new StringBuilder();
        text.Append("# nats-server configuration of district node ").Append(node.Name).Append("; generated by district setup.\n");
        text.Append("server_name: ").Append(Quote(node.Name)).Append('\n');
        text.Append("listen: ").Append(Quote($"{ListenHost}:{Number(node.ClientPort)}")).Append('\n');
        text.Append("http: ").Append(Quote($"{MonitorHost}:{Number(node.MonitorPort)}")).Append('\n');
        text.Append("max_payload: ").Append(Number(MaxPayload)).Append('\n');
        if (logFile is not null)
        {
            text.Append("log_file: ").Append(Quote(logFile)).Append('\n');
        }

        text.Append("jetstream {\n  store_dir: ").Append(Quote(storeDirectory)).Append('\n');
        if (MaxFileStore is { } limit)
        {
            text.Append("  max_file_store: ").Append(limit.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("}\n");
        if (tls is not null)
        {
            // Clients (the sites, over the WAN) are on TLS. Routes stay plain: they run between the district's own
            // machines on its LAN, behind the route password, and the route port is not opened to the sites.
            text.Append("tls {\n")
                .Append("  cert_file: ").Append(Quote(tls.CertFile)).Append('\n')
                .Append("  key_file: ").Append(Quote(tls.KeyFile)).Append('\n')
                .Append("  ca_file: ").Append(Quote(tls.CaFile)).Append('\n')
                .Append("  timeout: ").Append(Number(TlsHandshakeSeconds)).Append("\n}\n");
        }

        // Only the timeout: the users are in the account below.
        text.Append("authorization {\n  timeout: ").Append(Number(AuthenticationSeconds)).Append("\n}\n");

        // One node alone is no cluster: JetStream refuses a cluster block without routes.
        if (Nodes.Count > 1)
        {
            text.Append("cluster {\n  name: ").Append(Quote(ClusterName)).Append('\n')
                .Append("  listen: ").Append(Quote($"{ListenHost}:{Number(node.ClusterPort)}")).Append('\n')
                .Append("  authorization {\n    user: ").Append(Quote(RouteUser)).Append("\n    password: ").Append(Quote(RoutePassword)).Append("\n  }\n")
                .Append("  routes: [\n");
            foreach (var other in Nodes.Where((_, i) => i != index))
            {
                text.Append("    ").Append(Quote($"nats-route://{RouteUser}:{RoutePassword}@{other.Host}:{Number(other.ClusterPort)}")).Append('\n');
            }

            text.Append("  ]\n}\n");
        }

        text.Append("accounts {\n  ").Append(AccountName).Append(" {\n    jetstream: enabled\n    users: [\n");
        foreach (var user in Users)
        {
            text.Append("      { user: ").Append(Quote(user.Name)).Append(", password: ").Append(Quote(user.Password));
            if (user.Permissions is { } permissions)
            {
                text.Append(", permissions: { publish: { allow: ").Append(List(permissions.PublishAllow))
                    .Append(" }, subscribe: { allow: ").Append(List(permissions.SubscribeAllow)).Append(" } }");
            }

            text.Append(" }\n");
        }

        text.Append("    ]\n  }\n}\n");
        return text.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>A double-quoted config string: no variable ($name) expansion inside, so a bcrypt hash stays as it is.</summary>
    private static string Quote(string value)
    {
        if (value.Any(c => c is '"' or '\\' or '\n' or '\r'))
        {
            throw new ArgumentException($"A config value may not contain quotes, backslashes or line breaks: {value}", nameof(value));
        }

        return "\"" + value + "\"";
    }
}
