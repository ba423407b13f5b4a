using Kiosk.Contract.District;
using Kiosk.District.Local;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit.Abstractions;

namespace Kiosk.District.Tests.Cluster;

public sealed class TlsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task A_site_that_trusts_the_private_CA_connects_and_one_that_does_not_is_refused()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, ClusterFormationTests.NoServer);
        await using var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Tls = true, Sites = ["pkm-a"] });
        var credentials = cluster.SiteCredentials("pkm-a");
        await using var trusting = cluster.Connect(credentials);
        var ack = await new NatsJSContext(trusting).PublishAsync(DistrictSubjects.Events("pkm-a"), "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("D") });
        await using var untrusting = new NatsConnection(cluster.ClientOptions(credentials) with { TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require }, MaxReconnectRetry = 0 });

        var refused = await Record.ExceptionAsync(() => untrusting.ConnectAsync().AsTask().WaitAsync(Bound));

        Assert.All(cluster.ClientUrls, url => Assert.StartsWith("tls://127.0.0.1:", url, StringComparison.Ordinal));
        ack.EnsureSuccess();
        Assert.Equal(NatsConnectionState.Open, trusting.ConnectionState);
        Assert.IsAssignableFrom<NatsException>(refused);
        output.WriteLine(refused.ToString());
        Assert.NotNull(cluster.CaFile);
        var keys = Directory.GetFiles(cluster.Folder, "*key.pem", SearchOption.AllDirectories);
        Assert.Equal(4, keys.Length);
        Assert.All(keys, key => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key)));
    }
}
