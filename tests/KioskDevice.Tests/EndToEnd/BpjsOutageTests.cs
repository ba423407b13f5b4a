using System.Globalization;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Broker;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The Puskesmas's internet cut for two hours of a morning, on a fake clock that drives the bridge's retry schedule (and
/// the double's timestamp check, so the signatures stay valid): the real kiosk host and Mosquitto, the bridge's own host
/// with its settings as installed (retry 5 s doubling to 5 minutes), the BPJS double switched down and back.
/// </summary>
public sealed class BpjsOutageTests
{
    private static readonly TimeSpan Wait = KioskHarness.Wait;

    [Fact]
    public async Task Two_hours_without_internet_then_every_report_arrives_once_in_order_per_ticket()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kiosk = await KioskHarness.StartAsync();
        await using var bpjs = await BpjsDouble.StartAsync(new BpjsDoubleOptions { Time = time });
        var folder = Directory.CreateTempSubdirectory("bpjs-outage-").FullName;
        bpjs.Mode.Down = true;
        using var bridge = await StartBridgeAsync(kiosk, bpjs, folder, time);
        try
        {
            var outbox = bridge.Services.GetRequiredService<ReportOutbox>();
            var cards = Enumerable.Range(0, 6).Select(i => $"000765432100{i}").ToList();
            var numbers = new List<string>();

            // Two hours in one-minute steps: a JKN patient every quarter of an hour, then the loket's work.
            for (var minute = 0; minute < 120; minute++)
            {
                if (minute % 15 == 0 && numbers.Count < cards.Count)
                {
                    numbers.Add((await kiosk.ScanAsync(cards[numbers.Count])).Number!);
                }

                switch (minute)
                {
                    case 95:
                        await Ok(kiosk, new { commandId = "o-1", type = "call-next" }, numbers[0]);
                        await Ok(kiosk, new { commandId = "o-2", type = "serve" }, numbers[0]);
                        await Ok(kiosk, new { commandId = "o-3", type = "call-next" }, numbers[1]);
                        await Ok(kiosk, new { commandId = "o-4", type = "serve" }, numbers[1]);
                        break;
                    case 100:
                        await Ok(kiosk, new { commandId = "o-5", type = "call-next" }, numbers[2]);
                        await Ok(kiosk, new { commandId = "o-6", type = "no-show" }, numbers[2]);
                        break;
                    case 105:
                        await Ok(kiosk, new { commandId = "o-7", type = "cancel", ticketNumber = numbers[3] }, numbers[3]);
                        break;
                }

                time.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(20);
            }

            // 6 tambah + 3 panggil + 1 batal wait in the outbox; nothing reached BPJS.
            await Eventually.TrueAsync(() => outbox.Backlog().Count == 10, "ten reports wait for the connection");
            Assert.Empty(bpjs.Requests);
            var first = outbox.All()[0];
            // The schedule, not a tight loop: tried again and again over two hours, but each wait doubling up to 5 minutes.
            Assert.InRange(first.Attempts, 5, 60);

            bpjs.Mode.Down = false;
            var backAt = time.GetUtcNow();
            var deadline = DateTime.UtcNow + Wait;
            while (bpjs.Requests.Count < 10 || outbox.Backlog().Count > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Within {Wait.TotalSeconds:0} s of real time BPJS got {bpjs.Requests.Count} of 10 reports.");
                time.Advance(TimeSpan.FromSeconds(10));
                await Task.Delay(20);
            }

            // The whole backlog went at the first retry after the link came back, not each report at the end of its own back-off.
            Assert.True(time.GetUtcNow() - backAt <= TimeSpan.FromMinutes(6), $"the backlog took {(time.GetUtcNow() - backAt).TotalMinutes:0.0} minutes of the clock");
            var requests = bpjs.Requests;
            // None twice: every request BPJS saw was taken, none answered "already there".
            Assert.All(requests, r => Assert.Equal(BpjsOutcomeKind.Delivered, r.Answer.Kind));
            var expected = cards.Select(c => (c, "add"))
                .Concat(cards.Take(3).Select(c => (c, "panggil")))
                .Append((cards[3], "batal"))
                .Order().ToList();
            Assert.Equal(expected, requests.Select(r => (r.NomorKartu, r.Kind)).Order().ToList());
            Assert.Equal([1, 1, 2], cards.Take(3).Select(c => requests.Single(r => r.NomorKartu == c && r.Kind == "panggil").BodyAs<PanggilAntrean>()!.Status));
            // In order per ticket: each ticket's tambah reached BPJS before its panggil or batal.
            foreach (var card in cards)
            {
                Assert.Equal("add", requests.Where(r => r.NomorKartu == card).MinBy(r => r.Sequence)!.Kind);
            }
        }
        finally
        {
            await bridge.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Ok(KioskHarness kiosk, object command, string? number)
    {
        var reply = await kiosk.CommandAsync(2, command);
        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(number, reply.GetProperty("ticket").GetProperty("number").GetString());
    }

    /// <summary>The bridge as installed (its default retry schedule), its clock the test's.</summary>
    private static async Task<IHost> StartBridgeAsync(KioskHarness kiosk, BpjsDouble bpjs, string folder, TimeProvider time)
    {
        var passwordFile = Path.Combine(folder, "bpjs-broker-password");
        await File.WriteAllTextAsync(passwordFile, kiosk.User(BrokerRoles.Bpjs).Password + "\n");
        var options = new BpjsDoubleOptions();
        var host = BpjsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bpjs:Site"] = KioskHarness.Site,
                ["Bpjs:ConsId"] = options.ConsId,
                ["Bpjs:Secret"] = options.Secret,
                ["Bpjs:UserKey"] = options.UserKey,
                ["Bpjs:BaseUrl"] = bpjs.BaseUrl.ToString(),
                ["Bpjs:PoliMap"] = $"BPJS={BpjsCrashBridge.Poli}",
                ["Bpjs:OutboxPath"] = Path.Combine(folder, "bpjs-outbox.db"),
                ["Bpjs:Mqtt:Host"] = kiosk.Broker.Host,
                ["Bpjs:Mqtt:Port"] = kiosk.Broker.Port.ToString(CultureInfo.InvariantCulture),
                ["Bpjs:Mqtt:Username"] = BrokerRoles.Bpjs,
                ["Bpjs:Mqtt:PasswordFile"] = passwordFile,
            });
            builder.Services.AddSingleton<TimeProvider>(time);
        });
        await host.StartAsync().WaitAsync(Wait);
        var progress = host.Services.GetRequiredService<BridgeProgress>();
        await Eventually.TrueAsync(() => progress.Subscribed, "the bridge has subscribed on the site's broker");
        return host;
    }
}
