using System.Globalization;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Fktp;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// A Mobile JKN booking's whole life with real parts: BPJS's double calls the bridge's FKTP side as Mobile JKN does
/// (token, ambil antrean, sisa antrean), the bridge books on the kiosk over the private channel, the patient scans the
/// booking code at the simulated reader, the loket calls and serves the number, and BPJS's double is told the visit.
/// The site maps its polis (P-UMUM=001), as the README's sample does: the booking takes the number every JKN patient
/// takes first, in the registration queue, and is reported under the poli BPJS booked.
/// </summary>
public sealed class MobileJknLifeTests
{
    private const string User = "mobilejkn";
    private const string Password = "rahasia-fktp-01";
    private const string Card = "0001234567899";
    private static readonly TimeSpan Wait = KioskHarness.Wait;

    [Fact]
    public async Task A_booking_taken_in_Mobile_JKN_is_checked_in_at_the_kiosk_called_at_the_loket_and_BPJS_hears_the_visit()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var bpjs = await BpjsDouble.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bpjs-jkn-").FullName;
        using var bridge = await BpjsReportingTests.StartBridgeAsync(kiosk, bpjs, folder, new Dictionary<string, string?>
        {
            ["Bpjs:PoliMap"] = "P-UMUM=001",
            ["Bpjs:Fktp:Urls"] = "http://127.0.0.1:0",
            ["Bpjs:Fktp:Username"] = User,
            ["Bpjs:Fktp:Password"] = Password,
        });
        try
        {
            var fktp = Assert.Single(bridge.Services.GetRequiredService<FktpServer>().Addresses);
            using var mobileJkn = new MobileJknCaller(fktp, User, Password);
            var day = kiosk.Session.Engine.BusinessDay;
            Assert.True((await mobileJkn.TokenAsync()).IsOk);

            var ambil = await mobileJkn.AmbilAsync(Card, "3501010101010009", "001", day);
            Assert.True(ambil.IsOk, ambil.Raw);
            var number = ambil.Text("nomorantrean")!;
            bpjs.HoldMobileJknBooking(day, "001", Card, number);
            var booked = kiosk.Session.Engine.TodayTickets().Single(t => t.Number == number);
            Assert.Equal("BPJS", booked.ServiceCode);
            Assert.Contains(booked.BookingCode!, ambil.Text("keterangan"), StringComparison.Ordinal);
            var sisa = await mobileJkn.SisaAsync(Card, "001", day);
            Assert.True(sisa.IsOk, sisa.Raw);
            Assert.Equal(number, sisa.Text("nomorantrean"));

            // At the Puskesmas: the patient scans the booking code; the ticket prints with the booked number.
            var checkIn = await kiosk.ScanAsync("JKN:" + booked.BookingCode);
            Assert.Equal(number, checkIn.Number);
            var reply = await kiosk.CommandAsync(2, new { commandId = "j-1", type = "call-next" });
            Assert.Equal(number, reply.GetProperty("ticket").GetProperty("number").GetString());
            reply = await kiosk.CommandAsync(2, new { commandId = "j-2", type = "serve" });
            Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());

            // BPJS made the booking, so it hears no tambah; it hears the visit, under the poli it booked.
            await bpjs.WaitUntilAsync(r => r.Any(x => x.Kind == "panggil" && x.NomorKartu == Card), Wait);
            var received = bpjs.Received.Where(r => r.NomorKartu == Card).ToList();
            var panggil = Assert.Single(received).BodyAs<PanggilAntrean>()!;
            Assert.Equal(("001", 1, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (panggil.KodePoli, panggil.Status, panggil.TanggalPeriksa));
            Assert.Equal(["GET auth", "POST antrean", "GET antrean/sisapeserta"], mobileJkn.Calls.Select(c => string.Join('/', c.Call.Split('/').Take(2))));
            Assert.All(mobileJkn.Calls, c => Assert.True(c.IsOk, c.Raw));
            var outbox = bridge.Services.GetRequiredService<ReportOutbox>();
            await Eventually.TrueAsync(() => outbox.Backlog().Count == 0, "the bridge's outbox has nothing waiting");
        }
        finally
        {
            await bridge.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
