using System.Globalization;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Tests.Reporting;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Topics;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Bpjs.Tests.Status;

/// <summary>
/// A bridge that dies without a word must not leave "all well" on the broker: its MQTT last will replaces the retained
/// status with "not running" (real Mosquitto, the bridge's real host, its link to the broker through a proxy that goes
/// silent the way a dead network does), and the bridge's live status comes back when it does.
/// </summary>
[Collection(BridgeCollectionDefinition.Name)]
public sealed class BridgeLastWillTests
{
    private static readonly SiteTopics Topics = new(BridgeRig.Site);

    /// <summary>
    /// The will follows one and a half keep-alives of silence (7.5 s at the 5 s the test sets), and the bridge's reconnect
    /// back-off grows to 30 s: a generous bound for a loaded machine.
    /// </summary>
    private static readonly TimeSpan LinkChange = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_network_gone_makes_the_retained_status_not_running_and_the_bridge_back_makes_it_live_again()
    {
        await using var rig = await BridgeRig.StartAsync();
        await using var link = TcpCutProxy.Start(rig.Broker.Host, rig.Broker.Port);
        var host = await StartBehindAsync(rig, link);
        try
        {
            await using var loket = await MosquittoSubscriber.StartAsync(rig.Broker, rig.Broker.For("counter-1"), Topics.BpjsStatus);
            var live = await StatusWhereAsync(loket, s => !s.IsOffline, Eventually.DefaultTimeout);
            Assert.True(live.AllClear);

            // No DISCONNECT, no FIN: only silence, as behind a dead modem or a PC whose power was cut.
            link.Cut();
            var will = await StatusWhereAsync(loket, s => s.IsOffline, LinkChange);
            Assert.Equal((false, false, 0, 0), (will.Running, will.AllClear, will.Backlog, will.RefusedToday));

            // A loket page opened now reads the will as the retained status.
            await using (var late = await MosquittoSubscriber.StartAsync(rig.Broker, rig.Broker.For("counter-1"), Topics.BpjsStatus))
            {
                Assert.True((await StatusWhereAsync(late, _ => true, Eventually.DefaultTimeout)).IsOffline);
            }

            link.Restore();
            var back = await StatusWhereAsync(loket, s => !s.IsOffline, LinkChange);
            Assert.Equal((null, true), (back.Running, back.AllClear));
            await using var afterwards = await MosquittoSubscriber.StartAsync(rig.Broker, rig.Broker.For("counter-1"), Topics.BpjsStatus);
            Assert.False((await StatusWhereAsync(afterwards, _ => true, Eventually.DefaultTimeout)).IsOffline);
        }
        finally
        {
            await BridgeRig.StopQuietlyAsync(host);
        }
    }

    [Fact]
    public async Task A_clean_stop_says_not_running_itself_since_its_disconnect_suppresses_the_will()
    {
        await using var rig = await BridgeRig.StartAsync();
        await using var link = TcpCutProxy.Start(rig.Broker.Host, rig.Broker.Port);
        var host = await StartBehindAsync(rig, link);
        await using var loket = await MosquittoSubscriber.StartAsync(rig.Broker, rig.Broker.For("counter-1"), Topics.BpjsStatus);
        Assert.False((await StatusWhereAsync(loket, _ => true, Eventually.DefaultTimeout)).IsOffline);

        await BridgeRig.StopQuietlyAsync(host);

        var stopped = await StatusWhereAsync(loket, s => s.IsOffline, Eventually.DefaultTimeout);
        Assert.False(stopped.AllClear);
    }

    /// <summary>The rig's bridge, reaching the broker through <paramref name="link"/> with a 5 s keep-alive (the least allowed).</summary>
    private static async Task<IHost> StartBehindAsync(BridgeRig rig, TcpCutProxy link)
    {
        var settings = rig.Settings();
        settings["Bpjs:Mqtt:Host"] = TcpCutProxy.Host;
        settings["Bpjs:Mqtt:Port"] = link.Port.ToString(CultureInfo.InvariantCulture);
        settings["Bpjs:Mqtt:KeepAliveSeconds"] = "5";
        var host = BpjsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<IAntreanFktpClient>(rig.Bpjs);
            builder.Services.AddSingleton<ICardNumberSource>(rig.Cards);
            builder.Services.AddSingleton<TimeProvider>(rig.Time);
        });
        await host.StartAsync();
        var progress = host.Services.GetRequiredService<BridgeProgress>();
        await Eventually.TrueAsync(() => progress.Subscribed, "the bridge has subscribed on the site's broker");
        return host;
    }

    private static async Task<BpjsBridgeStatus> StatusWhereAsync(MosquittoSubscriber subscriber, Func<BpjsBridgeStatus, bool> wanted, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var (_, payload) = await subscriber.NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            Assert.True(BpjsBridgeStatusReader.TryRead(System.Text.Encoding.UTF8.GetBytes(payload), out var status, out var why), why);
            if (wanted(status))
            {
                return status;
            }
        }
    }
}
