using Kiosk.Contract.District;
using Kiosk.District.Cluster;
using Kiosk.District.Local;
using Kiosk.TestSupport;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Xunit.Abstractions;

namespace Kiosk.District.Tests.Cluster;

/// <summary>The cluster, not our code, enforces who may publish what: each check goes through the real nats-server.</summary>
public sealed class SecurityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task A_site_stores_under_its_own_id_and_the_cluster_refuses_it_another_sites_subject()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Sites = ["pkm-a", "pkm-b"] });
        var log = new CapturedNatsLog();
        await using var site = new NatsConnection(cluster.ClientOptions(cluster.SiteCredentials("pkm-a")) with { LoggerFactory = log, RequestTimeout = TimeSpan.FromSeconds(3) });
        var jetStream = new NatsJSContext(site);

        var ack = await jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") });
        ack.EnsureSuccess();
        var forged = await Record.ExceptionAsync(() => jetStream.PublishAsync(DistrictSubjects.Events("pkm-b"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D"), RetryAttempts = 1 }).AsTask().WaitAsync(Bound));

        Assert.Equal(1UL, ack.Seq);
        Assert.NotNull(forged);
        output.WriteLine($"forged publish: {forged.GetType().Name}: {forged.Message}");
        await Eventually.TrueAsync(() => log.Contains("Permissions Violation"), "the client logged the server's permissions violation");
        Assert.Equal(1L, await StoredAsync(cluster));
    }

    [SkippableFact]
    public async Task A_site_reads_its_own_acks_and_the_cluster_refuses_it_another_sites_inbox()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 1, Sites = ["pkm-a", "pkm-b"] });
        var log = new CapturedNatsLog();
        await using var site = new NatsConnection(cluster.ClientOptions(cluster.SiteCredentials("pkm-a")) with { LoggerFactory = log });
        await using var other = cluster.Connect(cluster.SiteCredentials("pkm-b"));

        // pkm-a tries to listen where pkm-b's acks come back; pkm-b's publish is acknowledged all the same.
        using var listening = new CancellationTokenSource(Bound);
        var overheard = 0;
        var eavesdrop = Task.Run(async () =>
        {
            await foreach (var unused in site.SubscribeAsync<byte[]>($"{DistrictSubjects.SiteInbox("pkm-b")}.>", cancellationToken: listening.Token))
            {
                Interlocked.Increment(ref overheard);
            }
        });
        await Eventually.TrueAsync(() => log.Contains("Permissions Violation"), "the client logged the server's refusal of the subscription");
        var ack = await new NatsJSContext(other).PublishAsync(DistrictSubjects.Events("pkm-b"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") });
        // pkm-a's own acks still come back below its own prefix.
        var own = await new NatsJSContext(site).PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") });
        await listening.CancelAsync();
        await Record.ExceptionAsync(() => eavesdrop);

        ack.EnsureSuccess();
        own.EnsureSuccess();
        Assert.Equal(0, overheard);
        Assert.Equal(2L, await StoredAsync(cluster));
    }

    [SkippableFact]
    public async Task A_message_over_the_payload_limit_is_never_stored()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 1, Sites = ["pkm-a"] });
        await using var site = cluster.Connect(cluster.SiteCredentials("pkm-a"));
        var jetStream = new NatsJSContext(site);

        var oversized = await Record.ExceptionAsync(() => jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), new byte[NatsClusterConfig.DefaultMaxPayload + 1], opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") }).AsTask().WaitAsync(Bound));
        var small = await jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") });

        Assert.NotNull(oversized);
        output.WriteLine(oversized.ToString());
        Assert.Equal(NatsClusterConfig.DefaultMaxPayload, site.ServerInfo?.MaxPayload);
        small.EnsureSuccess();
        Assert.Equal(1L, await StoredAsync(cluster));
    }

    [SkippableFact]
    public async Task A_wrong_password_is_refused()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 1, Sites = ["pkm-a"] });
        var wrong = cluster.SiteCredentials("pkm-a") with { Password = NatsClusterConfig.NewPassword() };
        await using var site = new NatsConnection(cluster.ClientOptions(wrong) with { MaxReconnectRetry = 0 });

        var refused = await Record.ExceptionAsync(() => site.ConnectAsync().AsTask().WaitAsync(Bound));

        Assert.IsAssignableFrom<NatsException>(refused);
        output.WriteLine(refused.ToString());
        Assert.Contains("Authorization", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task The_district_user_reads_through_its_durable_consumer_and_may_publish_nothing_else()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Sites = ["pkm-a"] });
        await using (var site = cluster.Connect(cluster.SiteCredentials("pkm-a")))
        {
            var siteStream = new NatsJSContext(site);
            for (var i = 0; i < 3; i++)
            {
                (await siteStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") })).EnsureSuccess();
            }
        }

        // The admin, in the same account, sees every JetStream API request and ack the district makes: the subjects
        // its read path really publishes to, checked against the permission list.
        await using var admin = cluster.Connect(cluster.AdminCredentials);
        var used = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var watching = new CancellationTokenSource();
        var watchApi = WatchAsync(admin, "$JS.API.>", used, watching.Token);
        var watchAcks = WatchAsync(admin, "$JS.ACK.>", used, watching.Token);
        await admin.PingAsync();

        var log = new CapturedNatsLog();
        await using var district = new NatsConnection(cluster.ClientOptions(cluster.DistrictCredentials) with { LoggerFactory = log, RequestTimeout = TimeSpan.FromSeconds(3) });
        var jetStream = new NatsJSContext(district);
        var consumer = await jetStream.CreateOrUpdateConsumerAsync(DistrictSubjects.StreamName, new ConsumerConfig(DistrictSubjects.DistrictConsumer) { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var again = await jetStream.GetConsumerAsync(DistrictSubjects.StreamName, DistrictSubjects.DistrictConsumer);
        var read = 0;
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 3, Expires = TimeSpan.FromSeconds(10) }))
        {
            await message.AckAsync(new AckOpts { DoubleAck = true });
            read++;
        }

        var published = await Record.ExceptionAsync(() => jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { RetryAttempts = 1 }).AsTask().WaitAsync(Bound));
        var otherConsumer = await Record.ExceptionAsync(() => jetStream.CreateOrUpdateConsumerAsync(DistrictSubjects.StreamName, new ConsumerConfig("lain")).AsTask().WaitAsync(Bound));
        var deleted = await Record.ExceptionAsync(() => jetStream.DeleteStreamAsync(DistrictSubjects.StreamName).AsTask().WaitAsync(Bound));
        await watching.CancelAsync();
        await Task.WhenAll(watchApi, watchAcks);

        Assert.Equal(3, read);
        Assert.Equal(DistrictSubjects.DistrictConsumer, again.Info.Name);
        Assert.NotNull(published);
        Assert.NotNull(otherConsumer);
        Assert.NotNull(deleted);
        Assert.Equal(3L, await StoredAsync(cluster));
        var readPath = used.Where(s => !s.Contains(".lain", StringComparison.Ordinal) && !s.StartsWith("$JS.API.STREAM.DELETE", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var subject in readPath)
        {
            output.WriteLine($"district read path published to: {subject}");
        }

        Assert.NotEmpty(readPath);
        // Sufficient: every subject the read path used is allowed. Minimal: every allowed subject was used.
        Assert.All(readPath, subject => Assert.Contains(NatsClusterConfig.DistrictPermissions.PublishAllow, allowed => Matches(allowed, subject)));
        Assert.All(NatsClusterConfig.DistrictPermissions.PublishAllow, allowed => Assert.Contains(readPath, subject => Matches(allowed, subject)));
        foreach (var line in log.Lines)
        {
            output.WriteLine(line);
        }
    }

    private static async Task WatchAsync(NatsConnection admin, string subject, System.Collections.Concurrent.ConcurrentBag<string> seen, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in admin.SubscribeAsync<byte[]>(subject, cancellationToken: cancellationToken))
            {
                seen.Add(message.Subject);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>NATS subject matching: '*' one token, '>' the rest.</summary>
    private static bool Matches(string pattern, string subject)
    {
        var p = pattern.Split('.');
        var s = subject.Split('.');
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == ">")
            {
                return s.Length > i;
            }

            if (i >= s.Length || (p[i] != "*" && p[i] != s[i]))
            {
                return false;
            }
        }

        return p.Length == s.Length;
    }

    internal static async Task<long> StoredAsync(PrivateNatsCluster cluster)
    {
        await using var admin = cluster.Connect(cluster.AdminCredentials);
        var stream = await new NatsJSContext(admin).GetStreamAsync(DistrictSubjects.StreamName);
        return (long)stream.Info.State.Messages;
    }
}
