using Kiosk.Contract;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Text;

namespace Kiosk.Screens.Tests.Units;

/// <summary>What the lokets and the waiting room are told for each state of the kiosk and its printer.</summary>
public sealed class KioskNoticeTests
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(7));

    private static KioskCondition Kiosk(PrinterCondition printer = PrinterCondition.Ok, bool online = true, int unprinted = 0, DateTimeOffset? at = null, string id = "kiosk-1") =>
        new(id, online, printer, unprinted, at ?? Now, HeartbeatSeconds: 30);

    [Theory]
    [InlineData(PrinterCondition.PaperOut, "Kertas printer kiosk habis — ganti gulungan")]
    [InlineData(PrinterCondition.CoverOpen, "Tutup printer kiosk terbuka")]
    [InlineData(PrinterCondition.CutterError, "Pemotong kertas printer kiosk macet")]
    [InlineData(PrinterCondition.Offline, "Printer kiosk tidak terhubung")]
    public void A_printer_that_stops_tickets_tells_the_officer_what_to_do_and_sends_patients_to_the_loket(PrinterCondition printer, string officerStart)
    {
        var notice = KioskNotice.For([Kiosk(printer)], Now, Wib);

        Assert.StartsWith(officerStart, notice.Officer, StringComparison.Ordinal);
        Assert.Contains("nomor manual", notice.Officer, StringComparison.Ordinal);
        Assert.Equal(Teks.PatientGoToLoket, notice.Patient);
        Assert.False(notice.CanServePatients);
        Assert.True(notice.Severe);
    }

    [Fact]
    public void Paper_low_is_a_warning_for_the_officer_only()
    {
        var notice = KioskNotice.For([Kiosk(PrinterCondition.PaperLow)], Now, Wib);

        Assert.Equal(Teks.PrinterPaperLow, notice.Officer);
        Assert.Null(notice.Patient);
        Assert.True(notice.CanServePatients);
        Assert.False(notice.Severe);
    }

    [Theory]
    [InlineData(PrinterCondition.Ok)]
    [InlineData(PrinterCondition.Unknown)]
    public void A_working_kiosk_gives_no_notice(PrinterCondition printer) =>
        Assert.Equal(KioskNotice.None, KioskNotice.For([Kiosk(printer)], Now, Wib));

    [Fact]
    public void An_offline_kiosk_and_a_kiosk_never_seen_send_patients_to_the_loket()
    {
        var offline = KioskNotice.For([Kiosk(online: false)], Now, Wib);
        var never = KioskNotice.For([], Now, Wib);

        Assert.Equal(Teks.KioskOffline, offline.Officer);
        Assert.Equal(Teks.KioskNeverSeen, never.Officer);
        Assert.All([offline, never], n => Assert.Equal(Teks.PatientGoToLoket, n.Patient));
    }

    [Fact]
    public void An_online_status_older_than_two_heartbeats_is_a_silent_kiosk_with_the_time_it_was_last_heard()
    {
        var heard = Now - TimeSpan.FromSeconds(61);

        Assert.Equal(KioskNotice.None, KioskNotice.For([Kiosk(at: Now - TimeSpan.FromSeconds(59))], Now, Wib));
        var silent = KioskNotice.For([Kiosk(at: heard)], Now, Wib);
        Assert.Equal(Teks.KioskSilent(heard), silent.Officer);
        Assert.Contains("pukul 08:28", silent.Officer, StringComparison.Ordinal);
        Assert.Equal(Teks.PatientGoToLoket, silent.Patient);
    }

    [Fact]
    public void Unprinted_tickets_are_counted_in_the_officers_banner()
    {
        var notice = KioskNotice.For([Kiosk(PrinterCondition.PaperOut, unprinted: 2)], Now, Wib);

        Assert.EndsWith(Teks.Unprinted(2), notice.Officer, StringComparison.Ordinal);
    }

    [Fact]
    public void With_two_kiosks_patients_are_sent_to_the_loket_only_when_neither_can_print()
    {
        var one = KioskNotice.For([Kiosk(PrinterCondition.PaperOut, id: "kiosk-1"), Kiosk(id: "kiosk-2")], Now, Wib);
        var both = KioskNotice.For([Kiosk(PrinterCondition.PaperOut, id: "kiosk-1"), Kiosk(online: false, id: "kiosk-2")], Now, Wib);

        Assert.StartsWith("kiosk-1: Kertas printer kiosk habis", one.Officer, StringComparison.Ordinal);
        Assert.Null(one.Patient);
        Assert.True(one.CanServePatients);
        Assert.Contains("kiosk-2: Kiosk antrean mati", both.Officer, StringComparison.Ordinal);
        Assert.Equal(Teks.PatientGoToLoket, both.Patient);
    }

    [Theory]
    [MemberData(nameof(AllConditions))]
    public void No_notice_carries_a_status_code(PrinterCondition printer, bool online)
    {
        var notice = KioskNotice.For([Kiosk(printer, online)], Now, Wib);

        foreach (var text in new[] { notice.Officer, notice.Patient })
        {
            Assert.DoesNotMatch("paper-|cover-|cutter-|offline|unknown|[a-z]+-[a-z]+", text ?? "");
        }
    }

    public static TheoryData<PrinterCondition, bool> AllConditions()
    {
        var data = new TheoryData<PrinterCondition, bool>();
        foreach (var printer in Enum.GetValues<PrinterCondition>())
        {
            data.Add(printer, true);
            data.Add(printer, false);
        }

        return data;
    }
}
