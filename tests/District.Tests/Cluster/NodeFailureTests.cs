using Kiosk.Contract.District;
using Kiosk.District.Cluster;
using Kiosk.District.Local;
using Kiosk.TestSupport;
using NATS.Client.JetStream;
using Xunit.Abstractions;

namespace Kiosk.District.Tests.Cluster;

public sealed class NodeFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task With_one_node_killed_publishes_are_still_acknowledged_and_the_restarted_node_catches_up()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Sites = ["pkm-a"] });
        await using var site = cluster.Connect(cluster.SiteCredentials("pkm-a"));
        var jetStream = new NatsJSContext(site);
        await PublishAsync(jetStream, 10);

        cluster.Kill(0);
        // The stream may have lost its leader with node 0: the publisher retries until the two survivors elect one.
        await PublishAsync(jetStream, 10);
        Assert.False(cluster.IsRunning(0));
        Assert.Equal(20L, await SecurityTests.StoredAsync(cluster));

        await cluster.RestartAsync(0);
        await Eventually.TrueAsync(() => cluster.StoredOnNodeAsync(0).GetAwaiter().GetResult() == 20UL, "the restarted node holds all 20 messages", Bound);
    }

    [SkippableFact]
    public async Task With_two_of_three_nodes_killed_a_publish_fails_with_an_error_recognised_as_quorum_lost()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Sites = ["pkm-a"] });
        await using var site = cluster.Connect(cluster.SiteCredentials("pkm-a"));
        var jetStream = new NatsJSContext(site);
        await PublishAsync(jetStream, 1);

        cluster.Kill(1);
        cluster.Kill(2);
        var failed = await Record.ExceptionAsync(() => jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") }).AsTask().WaitAsync(Bound));

        Assert.NotNull(failed);
        output.WriteLine(failed.ToString());
        Assert.True(DistrictStream.IsQuorumLost(failed), $"Not recognised as quorum lost: {failed.GetType().FullName}: {failed.Message}");
        Assert.False(DistrictStream.IsQuorumLost(new InvalidOperationException("lain")));
    }

    private static async Task PublishAsync(NatsJSContext jetStream, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("D");
            var ack = await RetryAsync(() => jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = id }).AsTask());
            ack.EnsureSuccess();
        }
    }

    /// <summary>What the district link does: a publish that found no stream leader is sent again (the same id) until acknowledged.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> publish)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                return await publish();
            }
            catch (Exception ex) when (DistrictStream.IsQuorumLost(ex) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
