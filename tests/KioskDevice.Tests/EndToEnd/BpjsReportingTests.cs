using System.Globalization;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Protocol;
using Kiosk.Broker;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The whole reporting path with real parts: the kiosk host on simulated hardware and its Mosquitto (ACL, the bpjs
/// user), the BPJS bridge's own host (outbox file, the card asked of the kiosk on the private channel, BPJS over HTTP)
/// and the BPJS double on loopback, which checks every signature and keeps what it was told.
/// </summary>
public sealed class BpjsReportingTests
{
    private static readonly TimeSpan Wait = KioskHarness.Wait;
    private const string Poli = "001";

    [Fact]
    public async Task A_morning_of_JKN_and_other_patients_reaches_BPJS_once_per_step_and_nothing_for_the_others()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var bpjs = await BpjsDouble.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bpjs-e2e-").FullName;
        using var bridge = await StartBridgeAsync(kiosk, bpjs, folder);
        try
        {
            var served = await kiosk.ScanAsync("0001234567890");
            var noShow = await kiosk.ScanAsync("0001234567891");
            var cancelled = await kiosk.ScanAsync("0001234567892");
            await kiosk.PressAsync("umum");

            await Ok(kiosk, new { commandId = "b-1", type = "call-next" }, served.Number);
            await Ok(kiosk, new { commandId = "b-2", type = "serve" }, served.Number);
            await Ok(kiosk, new { commandId = "b-3", type = "call-next" }, noShow.Number);
            await Ok(kiosk, new { commandId = "b-4", type = "no-show" }, noShow.Number);
            await Ok(kiosk, new { commandId = "b-5", type = "cancel", ticketNumber = cancelled.Number }, cancelled.Number);

            await bpjs.WaitUntilAsync(r => r.Count >= 6, Wait);
            var received = bpjs.Received;

            // Exactly one tambah per JKN ticket, with the full card the kiosk kept; nothing for the Umum patient.
            Assert.Equal(6, received.Count);
            var adds = received.Where(r => r.Kind == "add").Select(r => r.BodyAs<TambahAntrean>()!).ToList();
            Assert.Equal([served.Number!, noShow.Number!, cancelled.Number!], adds.Select(a => a.NomorAntrean).Order(StringComparer.Ordinal).ToList());
            var day = kiosk.Session.Engine.TodayTickets().Single(t => t.Number == served.Number).BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.All(adds, a => Assert.Equal((Poli, day), (a.KodePoli, a.TanggalPeriksa)));
            Assert.Equal("0001234567890", adds.Single(a => a.NomorAntrean == served.Number).NomorKartu);
            // The poli's name and the day's doctor come from BPJS's references (the double's lists for poli 001).
            var doctor = new BpjsDoubleOptions().Dokter[Poli][0];
            Assert.All(adds, a => Assert.Equal(("UMUM", doctor.KodeDokter, doctor.NamaDokter, doctor.JamPraktek), (a.NamaPoli, a.KodeDokter, a.NamaDokter, a.JamPraktek)));
            var calls = received.Where(r => r.Kind == "panggil").Select(r => r.BodyAs<PanggilAntrean>()!).ToDictionary(p => p.NomorKartu, p => p.Status);
            Assert.Equal(new Dictionary<string, int> { ["0001234567890"] = 1, ["0001234567891"] = 2 }, calls);
            Assert.Equal("0001234567892", Assert.Single(received, r => r.Kind == "batal").NomorKartu);
            // In order per ticket: each ticket's tambah reached BPJS before its panggil or batal.
            foreach (var card in new[] { "0001234567890", "0001234567891", "0001234567892" })
            {
                var steps = received.Where(r => r.NomorKartu == card).OrderBy(r => r.Sequence).Select(r => r.Kind).ToList();
                Assert.Equal("add", steps[0]);
                Assert.Equal(2, steps.Count);
            }

            // Every request the double saw was correctly signed (the double refuses the others with a Retry).
            Assert.All(bpjs.Requests, r => Assert.NotEqual(BpjsOutcomeKind.Retry, r.Answer.Kind));
            var outbox = bridge.Services.GetRequiredService<ReportOutbox>();
            await Eventually.TrueAsync(() => outbox.Backlog().Count == 0, "the bridge's outbox has nothing waiting");
        }
        finally
        {
            await bridge.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Reports_made_while_BPJS_is_unreachable_all_arrive_once_in_order_when_it_is_back()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var bpjs = await BpjsDouble.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bpjs-e2e-").FullName;
        bpjs.Mode.Down = true;
        using var bridge = await StartBridgeAsync(kiosk, bpjs, folder);
        try
        {
            var first = await kiosk.ScanAsync("0001234567890");
            var second = await kiosk.ScanAsync("0001234567891");
            await Ok(kiosk, new { commandId = "d-1", type = "call-next" }, first.Number);
            await Ok(kiosk, new { commandId = "d-2", type = "serve" }, first.Number);
            var outbox = bridge.Services.GetRequiredService<ReportOutbox>();
            // The internet is out: the reports wait in the outbox (the loket page's "menunggu koneksi").
            await Eventually.TrueAsync(() => outbox.Backlog().Count == 3, "three reports wait for the connection");
            await Eventually.TrueAsync(() => outbox.All().Any(r => r.Attempts > 0), "the bridge tried while BPJS was down");
            Assert.Empty(bpjs.Received);

            bpjs.Mode.Down = false;
            await bpjs.WaitUntilAsync(r => r.Count >= 3, Wait);
            await Eventually.TrueAsync(() => outbox.Backlog().Count == 0, "nothing waits once BPJS is back");

            var received = bpjs.Received;
            Assert.Equal(3, received.Count);
            Assert.Equal(["add", "panggil"], received.Where(r => r.NomorKartu == "0001234567890").OrderBy(r => r.Sequence).Select(r => r.Kind));
            Assert.Equal(second.Number, Assert.Single(received, r => r.NomorKartu == "0001234567891").NomorAntrean);
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

    /// <summary>
    /// The bridge as installed (its own host, BPJS over HTTP, cards from the kiosk), with a short retry so the test stays
    /// quick; <paramref name="settings"/> replace or add keys (another poli map, the FKTP side).
    /// </summary>
    internal static async Task<IHost> StartBridgeAsync(KioskHarness kiosk, BpjsDouble bpjs, string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var passwordFile = Path.Combine(folder, "bpjs-broker-password");
        await File.WriteAllTextAsync(passwordFile, kiosk.User(BrokerRoles.Bpjs).Password + "\n");
        var host = BpjsHost.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bpjs:Site"] = KioskHarness.Site,
            ["Bpjs:ConsId"] = "12345",
            ["Bpjs:Secret"] = "rahasia-double",
            ["Bpjs:UserKey"] = "user-key-double",
            ["Bpjs:BaseUrl"] = bpjs.BaseUrl.ToString(),
            // The kiosk's BPJS registration service (Reader:BpjsService) reported as poli 001 for the test.
            ["Bpjs:PoliMap"] = $"BPJS={Poli}",
            ["Bpjs:OutboxPath"] = Path.Combine(folder, "bpjs-outbox.db"),
            ["Bpjs:RetryMinSeconds"] = "1",
            ["Bpjs:RetryMaxSeconds"] = "2",
            ["Bpjs:Mqtt:Host"] = kiosk.Broker.Host,
            ["Bpjs:Mqtt:Port"] = kiosk.Broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Bpjs:Mqtt:Username"] = BrokerRoles.Bpjs,
            ["Bpjs:Mqtt:PasswordFile"] = passwordFile,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        await host.StartAsync().WaitAsync(Wait);
        var progress = host.Services.GetRequiredService<Kiosk.Bpjs.Reporting.BridgeProgress>();
        await Eventually.TrueAsync(() => progress.Subscribed, "the bridge has subscribed on the site's broker");
        if (!bpjs.Mode.Down)
        {
            var references = host.Services.GetRequiredService<Kiosk.Bpjs.References.BpjsReferences>();
            await Eventually.TrueAsync(() => references.Current is not null, "the bridge has the day's BPJS references");
        }

        return host;
    }
}
