using Kiosk.Contract.District;
using Kiosk.District.Local;
using NATS.Client.JetStream;

namespace Kiosk.District.Tests.Cluster;

public sealed class DuplicateTests
{
    [SkippableFact]
    public async Task Publishing_again_with_the_same_message_id_stores_nothing_new()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Sites = ["pkm-a"] });
        await using var site = cluster.Connect(cluster.SiteCredentials("pkm-a"));
        var jetStream = new NatsJSContext(site);
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid().ToString("D")).ToList();
        foreach (var id in ids)
        {
            (await jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = id })).EnsureSuccess();
        }

        var resent = new List<bool>();
        foreach (var id in ids)
        {
            var ack = await jetStream.PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = id });
            resent.Add(ack.Duplicate);
        }

        Assert.All(resent, Assert.True);
        Assert.Equal(20L, await SecurityTests.StoredAsync(cluster));
    }
}
