using Kiosk.Contract;
using Kiosk.Device.Configuration;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.Queue.Model;

namespace Kiosk.Device.Tests.Units;

public sealed class TicketLayoutTests
{
    private static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");

    private static readonly SiteOptions Site = new()
    {
        Name = "UPTD Puskesmas Singkawang Barat 2",
        Address = "Jl. Gunung Sari, Singkawang",
        Phone = "0562-000000",
        TimeZone = "Asia/Makassar",
        Complaints = new ComplaintChannelOptions { SuggestionBox = "Ruang tunggu", WhatsApp = "0812-0000-0000" },
    };

    private static Ticket NewTicket(CardData? card = null, int familySize = 1, PriorityKind priority = PriorityKind.None) => new()
    {
        Id = Guid.Parse("01a20210-40ae-7c18-b742-3e69b85a637e"),
        Number = "B-012",
        SequenceNumber = 12,
        ServiceCode = "BPJS",
        BusinessDay = new DateOnly(2026, 11, 23),
        Category = PatientCategory.Lama,
        Payer = Payer.Bpjs,
        Priority = priority,
        State = TicketState.Waiting,
        PrintState = PrintState.Pending,
        Source = TicketSource.Scan,
        FamilySize = familySize,
        CardData = card,
        IssuedAt = new DateTimeOffset(2026, 11, 23, 0, 15, 0, TimeSpan.Zero),
        QueueKey = 12,
    };

    private static Receipt Print(PaperProfile paper, TicketPrintModel model) =>
        EscPosInterpreter.Parse(new TicketLayout(Site, paper, EscPosCodePage.Pc858, Wita).Render(model), paper);

    [Theory]
    [InlineData(58, 6)]
    [InlineData(80, 8)]
    public void The_number_is_as_large_as_the_paper_allows(int widthMm, int expectedScale)
    {
        var paper = widthMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;
        var receipt = Print(paper, new TicketPrintModel(NewTicket(), "Pendaftaran BPJS / KIS", 4, TimeSpan.FromMinutes(18), ["Kartu BPJS / KIS", "Kartu berobat"]));

        var number = receipt.TextLines.Single(l => l.Text == "B-012");
        Assert.Equal(expectedScale, number.Runs[0].Style.WidthMultiplier);
        Assert.True(number.Runs[0].Style.Bold);
    }

    [Fact]
    public void The_ticket_says_what_a_patient_needs_in_bahasa_indonesia_with_the_site_clock()
    {
        var receipt = Print(PaperProfile.Mm80, new TicketPrintModel(NewTicket(familySize: 3, priority: PriorityKind.Lansia), "Pendaftaran BPJS / KIS", 4, TimeSpan.FromMinutes(18), ["Kartu BPJS / KIS", "Kartu berobat"]));
        var text = receipt.Text;

        Assert.Contains("UPTD PUSKESMAS SINGKAWANG BARAT 2", text, StringComparison.Ordinal);
        Assert.Contains("Senin, 23 November 2026", text, StringComparison.Ordinal);
        Assert.Contains("Pukul 08.15 WITA", text, StringComparison.Ordinal);
        Assert.Contains("Antrean di depan Anda: 4 orang", text, StringComparison.Ordinal);
        Assert.Contains("Perkiraan waktu tunggu: ± 20 menit", text, StringComparison.Ordinal);
        Assert.Contains("Berlaku untuk 3 orang (satu keluarga)", text, StringComparison.Ordinal);
        Assert.Contains("Antrean prioritas: Lansia", text, StringComparison.Ordinal);
        Assert.Contains("- Kartu BPJS / KIS", text, StringComparison.Ordinal);
        Assert.Contains("Simpan tiket ini sampai dipanggil", text, StringComparison.Ordinal);
        Assert.Contains("WhatsApp: 0812-0000-0000", text, StringComparison.Ordinal);
        Assert.Equal("ANTREAN:01a20210-40ae-7c18-b742-3e69b85a637e", receipt.Blocks.OfType<QrBlock>().Single().Payload);
        Assert.Empty(receipt.Diagnostics);
        Assert.True(receipt.IsCut);
    }

    [Theory]
    [InlineData(58)]
    [InlineData(80)]
    public void With_a_patient_page_the_QR_holds_its_address_and_the_token_and_the_ticket_says_to_scan_it(int paperMm)
    {
        var site = new SiteOptions { Name = Site.Name, TimeZone = Site.TimeZone, PatientPageUrl = "http://192.168.1.10:8080/tiket/" };
        var paper = paperMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;
        var ticket = NewTicket() with { PatientToken = "3q2-7wX9aLp0Zr5NvT8bQA" };
        var receipt = EscPosInterpreter.Parse(new TicketLayout(site, paper, EscPosCodePage.Pc858, Wita).Render(
            new TicketPrintModel(ticket, "Pendaftaran BPJS / KIS", 4, TimeSpan.FromMinutes(18), [])), paper);

        Assert.Equal("http://192.168.1.10:8080/tiket/3q2-7wX9aLp0Zr5NvT8bQA", receipt.Blocks.OfType<QrBlock>().Single().Payload);
        Assert.Contains("Pindai QR di HP: pantau antrean", receipt.Text, StringComparison.Ordinal);
        Assert.Empty(receipt.Diagnostics);
    }

    [Fact]
    public void Without_a_patient_page_or_without_a_token_the_QR_keeps_the_ticket_id()
    {
        var withToken = NewTicket() with { PatientToken = "3q2-7wX9aLp0Zr5NvT8bQA" };

        Assert.Equal("ANTREAN:01a20210-40ae-7c18-b742-3e69b85a637e", TicketLayout.QrPayload(withToken));
        Assert.Equal("ANTREAN:01a20210-40ae-7c18-b742-3e69b85a637e", TicketLayout.QrPayload(withToken, ""));
        Assert.Equal("ANTREAN:01a20210-40ae-7c18-b742-3e69b85a637e", TicketLayout.QrPayload(NewTicket(), "http://192.168.1.10:8080/tiket/"));
        var receipt = Print(PaperProfile.Mm80, new TicketPrintModel(withToken, "Pendaftaran BPJS / KIS", 4, TimeSpan.FromMinutes(18), []));
        Assert.DoesNotContain("Pindai QR", receipt.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CardKind.Bpjs, "0001234567890")]
    [InlineData(CardKind.Nik, "3171234501900001")]
    [InlineData(CardKind.MedicalRecord, "RM00012345")]
    public void A_card_number_is_never_printed_in_full(CardKind kind, string number)
    {
        foreach (var paper in new[] { PaperProfile.Mm58, PaperProfile.Mm80 })
        {
            var receipt = Print(paper, new TicketPrintModel(NewTicket(new CardData(kind, number)), "Pendaftaran BPJS / KIS", 0, null, []));

            Assert.DoesNotContain(number, receipt.Text.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains(number[^4..], receipt.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(number, receipt.Blocks.OfType<QrBlock>().Single().Payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void On_58mm_paper_no_normal_size_line_is_wider_than_32_columns()
    {
        var model = new TicketPrintModel(NewTicket(new CardData(CardKind.Bpjs, "0001234567890")), "Pendaftaran BPJS / KIS", 12, TimeSpan.FromMinutes(80), ["Pasien baru: Kartu BPJS / KIS, KTP, Kartu Keluarga (KK)"]);

        var receipt = Print(PaperProfile.Mm58, model);

        Assert.All(receipt.TextLines.Where(l => l.Runs.All(r => r.Style.WidthMultiplier == 1)), line => Assert.True(line.Text.Length <= 32, $"'{line.Text}' is {line.Text.Length} columns"));
        Assert.Contains("sampai nomor Anda dipanggil", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("± 1 jam 20 menit", receipt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reprint_says_so()
    {
        var receipt = Print(PaperProfile.Mm80, new TicketPrintModel(NewTicket(), "Pendaftaran BPJS / KIS", 0, null, [], IsReprint: true));

        Assert.Contains("CETAK ULANG", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("menunggu loket dibuka", receipt.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asia/Jakarta", "WIB")]
    [InlineData("Asia/Makassar", "WITA")]
    [InlineData("Asia/Jayapura", "WIT")]
    [InlineData("Asia/Pontianak", "WIB")]
    public void Indonesian_zones_get_their_abbreviation(string zone, string abbreviation)
    {
        Assert.Equal(abbreviation, IndonesianTime.ZoneAbbreviation(TimeZoneInfo.FindSystemTimeZoneById(zone), DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData(2, "kurang dari 5 menit")]
    [InlineData(17, "± 15 menit")]
    [InlineData(60, "± 1 jam")]
    [InlineData(95, "± 1 jam 35 menit")]
    public void Waits_are_rounded_to_five_minutes(int minutes, string expected)
    {
        Assert.Equal(expected, IndonesianTime.Duration(TimeSpan.FromMinutes(minutes)));
    }
}
