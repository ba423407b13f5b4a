using System.Text;
using Kiosk.Contract.District;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.District.Local;
using Kiosk.DistrictLink.Forwarding;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Xunit.Abstractions;

namespace Kiosk.District.Tests.Link;

/// <summary>
/// The link between a real site Mosquitto and a real three-node JetStream cluster: what the kiosk publishes is in the
/// stream exactly once, in order, through SIGKILLs of the link and a district that lost its quorum.
/// </summary>
[Collection(LinkCollectionDefinition.Name)]
public sealed class LinkForwardingTests(ITestOutputHelper output)
{
    private const string NoServer = "nats-server is not installed";

    private static void AssertExactlyOnceInOrder(IReadOnlyList<StoredMessage> stored, List<Guid> published)
    {
        var events = stored.Where(m => m.Subject == DistrictSubjects.Events(LinkRig.Site) && !m.MessageId.StartsWith("event-sha256-", StringComparison.Ordinal)).ToList();
        Assert.Equal(published.Count, events.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(published.Count, events.Count);
        Assert.Equal(published.Select(id => id.ToString("D")), events.Select(m => m.MessageId));
        Assert.Equal(Enumerable.Range(1, published.Count).Select(i => (long)i), events.Select(m => m.Event.Sequence));
    }

    [SkippableFact]
    public async Task Events_status_and_an_unreadable_payload_arrive_exactly_once_in_order_over_tls()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, NoServer);
        await using var rig = await LinkRig.StartAsync(tls: true);
        using var host = await rig.StartInProcessLinkAsync();
        await using var heartbeats = await rig.Admin.SubscribeCoreAsync<byte[]>(DistrictSubjects.Link(LinkRig.Site));

        var published = new List<Guid>(await rig.PublishEventsAsync(1, 1));
        await rig.WaitForStreamCountAsync(1, "the first event is stored (the link's session exists)");
        published.AddRange(await rig.PublishEventsAsync(2, 299));
        var status = Encoding.UTF8.GetBytes("""{"kioskId":"k1","online":true,"printer":"ok","message":"Siap","unprintedTickets":0,"at":"2026-12-07T08:00:00+07:00","heartbeatSeconds":30}""");
        await rig.PublishRawAsync(new SiteTopics(LinkRig.Site).KioskStatus("k1"), status);
        await rig.PublishRawAsync(new SiteTopics(LinkRig.Site).Events, [0xff, 0x00, 0x01]);
        await rig.WaitForStreamCountAsync(302, "every event, the status and the unreadable payload are stored");

        var stored = await rig.ReadStreamAsync();
        AssertExactlyOnceInOrder(stored, published);
        var statusMessage = Assert.Single(stored, m => m.Subject == DistrictSubjects.Status(LinkRig.Site, "k1"));
        Assert.Equal(status, statusMessage.Payload);
        Assert.StartsWith("status-pkm-link-k1-", statusMessage.MessageId, StringComparison.Ordinal);
        var unreadable = stored[^1];
        Assert.Equal([0xff, 0x00, 0x01], unreadable.Payload);
        Assert.Equal(LinkRoutes.BytesMessageId("event", [0xff, 0x00, 0x01]), unreadable.MessageId);

        // The heartbeat reports the last event JetStream acknowledged; it goes on core NATS, outside the stream.
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await foreach (var message in heartbeats.Msgs.ReadAllAsync(timeout.Token))
        {
            var heartbeat = ContractJson.Deserialize<LinkHeartbeat>(message.Data);
            if (heartbeat.LastForwardedSequence == 300)
            {
                Assert.True(heartbeat.SiteBrokerConnected);
                Assert.Equal(LinkRig.Site, heartbeat.Site);
                break;
            }
        }

        Assert.Equal(302, await rig.StreamCountAsync());
        Assert.Equal(302, host.Services.GetRequiredService<LinkProgress>().Forwarded);
    }

    [SkippableFact]
    public async Task The_link_sigkilled_ten_times_mid_stream_loses_and_duplicates_nothing()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, NoServer);
        const int Events = 2000;
        const int Kills = 10;
        await using var rig = await LinkRig.StartAsync();
        var first = await rig.StartSubscribedChildLinkAsync();
        var published = new List<Guid>(await rig.PublishEventsAsync(1, 1));
        await rig.WaitForStreamCountAsync(1, "the first event is stored (the link's session exists)");
        published.AddRange(await rig.PublishEventsAsync(2, Events - 1));

        var link = first;
        var killedMidStream = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            // Kill as soon as this link has stored something new: the moment falls anywhere between a JetStream ack
            // and its PUBACK, which is what de-duplication must absorb.
            var before = await rig.StreamCountAsync();
            if (before < Events)
            {
                await rig.WaitForStreamCountAsync(before + 1, $"link run {kill + 1} stores something", link: link);
            }

            var at = await rig.StreamCountAsync();
            link.KillHard();
            await link.WaitForExitAsync(Eventually.DefaultTimeout);
            if (at < Events)
            {
                killedMidStream++;
            }

            link = rig.StartChildLink();
        }

        await rig.WaitForStreamCountAsync(Events, "every event is stored after the last restart", TimeSpan.FromSeconds(120));
        var stored = await rig.ReadStreamAsync();

        AssertExactlyOnceInOrder(stored, published);
        output.WriteLine($"{Events} events, {Kills} SIGKILLs of the link, {killedMidStream} of them before the last event was stored; stream holds {stored.Count}, unique ids {stored.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count()}");
        Assert.True(killedMidStream >= 1, $"only {killedMidStream} of {Kills} kills fell before the last event was stored");
    }

    [SkippableFact]
    public async Task A_district_without_quorum_gets_nothing_acknowledged_then_everything_in_order()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, NoServer);
        await using var rig = await LinkRig.StartAsync();
        var link = await rig.StartSubscribedChildLinkAsync();
        var published = new List<Guid>(await rig.PublishEventsAsync(1, 1));
        await rig.WaitForStreamCountAsync(1, "the first event is stored");

        rig.Cluster.Kill(1);
        rig.Cluster.Kill(2);
        published.AddRange(await rig.PublishEventsAsync(2, 50));
        await link.WaitForOutputAsync("JetStream did not store", Eventually.DefaultTimeout);
        // Had the link acknowledged anything JetStream did not store, this kill would lose it for good: the session
        // in Mosquitto is the only other copy.
        link.KillHard();
        await link.WaitForExitAsync(Eventually.DefaultTimeout);

        await rig.Cluster.RestartAsync(1);
        await rig.Cluster.RestartAsync(2);
        var back = rig.StartChildLink();
        await rig.WaitForStreamCountAsync(51, "the events queued in the site's broker are stored after the quorum is back", TimeSpan.FromSeconds(120), back);

        AssertExactlyOnceInOrder(await rig.ReadStreamAsync(), published);
    }

    [SkippableFact]
    public async Task A_bad_configuration_exits_78_with_one_Indonesian_line_per_key()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, NoServer);
        await using var rig = await LinkRig.StartAsync();
        var settings = rig.Settings();
        settings["DistrictLink:Site"] = "pkm.salah";
        settings["DistrictLink:Nats:Urls"] = "http://dinkes:4222";
        settings["DistrictLink:Nats:Password"] = "";

        var link = rig.StartChildLink(settings);

        Assert.Equal(78, await link.WaitForExitAsync(Eventually.DefaultTimeout));
        Assert.Contains("DistrictLink:Site: harus ID Puskesmas", link.Output, StringComparison.Ordinal);
        Assert.Contains("DistrictLink:Nats:Urls: harus alamat nats://", link.Output, StringComparison.Ordinal);
        Assert.Contains("DistrictLink:Nats:Password: wajib diisi", link.Output, StringComparison.Ordinal);
        Assert.Contains(Kiosk.DistrictLink.Text.LinkTeks.ConfigurationRefused, link.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Settings()["DistrictLink:Mqtt:Password"]!, link.Output, StringComparison.Ordinal);
    }
}
