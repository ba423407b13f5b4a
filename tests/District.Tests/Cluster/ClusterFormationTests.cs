using Kiosk.Contract.District;
using Kiosk.District.Local;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Kiosk.District.Tests.Cluster;

public sealed class ClusterFormationTests
{
    internal const string NoServer = "nats-server is not installed";

    [SkippableFact]
    public async Task Three_nodes_form_a_cluster_whose_stream_is_replicated_to_all_three()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3 });
        await using var admin = cluster.Connect(cluster.AdminCredentials);
        var jetStream = new NatsJSContext(admin);

        var stream = await jetStream.GetStreamAsync(DistrictSubjects.StreamName);

        Assert.Equal(3, cluster.ClientUrls.Count);
        Assert.All(cluster.ClientUrls, url => Assert.StartsWith("nats://127.0.0.1:", url, StringComparison.Ordinal));
        Assert.Equal(3, stream.Info.Config.NumReplicas);
        Assert.Equal(StreamConfigStorage.File, stream.Info.Config.Storage);
        Assert.Equal(StreamConfigDiscard.Old, stream.Info.Config.Discard);
        Assert.Equal(TimeSpan.FromDays(400), stream.Info.Config.MaxAge);
        Assert.Equal(DistrictSubjects.StreamSubjects, stream.Info.Config.Subjects);
        Assert.NotNull(stream.Info.Cluster);
        Assert.Equal(2, stream.Info.Cluster.Replicas?.Count ?? 0);
    }
}
