using System.Globalization;
using Kiosk.Contract;
using Kiosk.DeviceDrivers.Printing.Rendering;
using Kiosk.Queue.Model;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// What a ticket records is what the patient was asked or what the card says, never a guess: the shipped sample's
/// buttons do not ask new/returning (Tidak diketahui), priority kinds have a button each, a kartu berobat tells
/// "returning" but not the payer. A Mobile JKN code for another day is refused with the day named.
/// </summary>
public sealed class RecordedAsAskedTests
{
    [Fact]
    public async Task Buttons_and_cards_record_only_what_they_tell_and_the_recap_counts_it()
    {
        await using var kiosk = await KioskHarness.StartAsync();

        await kiosk.PressAsync("umum");
        await kiosk.PressAsync("hamil");
        await kiosk.PressAsync("disabilitas");
        await kiosk.ScanAsync("RM000123");

        var tickets = kiosk.Session.Engine.TodayTickets().OrderBy(t => t.IssuedAt).ToList();
        Assert.Equal((PatientCategory.Unknown, Payer.Umum, PriorityKind.None), (tickets[0].Category, tickets[0].Payer, tickets[0].Priority));
        Assert.Equal((PatientCategory.Unknown, Payer.Unknown, PriorityKind.IbuHamil), (tickets[1].Category, tickets[1].Payer, tickets[1].Priority));
        Assert.Equal(PriorityKind.Disabilitas, tickets[2].Priority);
        Assert.Equal((PatientCategory.Lama, Payer.Unknown), (tickets[3].Category, tickets[3].Payer));

        // Words compared with line breaks and padding folded away: 58 and 80 mm wrap differently.
        var printed = string.Join(' ', ReceiptRenderer.ToPlainText(kiosk.Receipts[1]).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Antrean prioritas: Ibu hamil", printed, StringComparison.Ordinal);
        Assert.Contains("Pasien baru:", printed, StringComparison.Ordinal);
        Assert.Contains("Kartu BPJS / KIS bila peserta", printed, StringComparison.Ordinal);

        var recap = kiosk.Session.Engine.GetDailyRecap(kiosk.Session.Engine.BusinessDay);
        Assert.Equal(3, recap.ByCategory.Single(r => r.Key == "Unknown").Count);
        Assert.Equal(0, recap.ByCategory.Single(r => r.Key == "Baru").Count);
        Assert.Equal(1, recap.ByPriority.Single(r => r.Key == "IbuHamil").Count);
        Assert.Equal(0, recap.ByPriority.Single(r => r.Key == "Lansia").Count);
        Assert.Equal(3, recap.ByPayer.Single(r => r.Key == "Unknown").Count);
    }

    [Fact]
    public async Task A_mobile_jkn_code_for_another_day_is_refused_with_that_day_named()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var today = kiosk.Session.Engine.BusinessDay;
        var yesterday = today.AddDays(-1);

        var refused = await kiosk.ScanAsync($"JKN:{yesterday.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}A012");
        var accepted = await kiosk.ScanAsync($"JKN:{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}A013");

        Assert.Equal("ScanRejected", refused.Kind);
        Assert.Contains(Ticketing.IndonesianTime.Date(yesterday), refused.Message, StringComparison.Ordinal);
        Assert.Contains("sudah lewat", refused.Message, StringComparison.Ordinal);
        Assert.Equal("B-001", accepted.Number);
        Assert.Single(kiosk.Session.Engine.TodayTickets());
    }

    [Fact]
    public async Task A_site_sets_its_own_booking_pattern()
    {
        await using var kiosk = await KioskHarness.StartAsync(new Dictionary<string, string>
        {
            ["Kiosk:Reader:JknBookingPattern"] = "^BK(?<code>(?<date>\\d{8})\\d{4})$",
        });
        var today = kiosk.Session.Engine.BusinessDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var accepted = await kiosk.ScanAsync($"BK{today}0042");

        Assert.Equal("B-001", accepted.Number);
        Assert.Equal(CardKind.JknBooking, kiosk.Session.Engine.TodayTickets().Single().CardData?.Kind);
    }
}
