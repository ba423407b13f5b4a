using Kiosk.Device.DayClose;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Rendering;
using Kiosk.Queue.Statistics;

namespace Kiosk.Device.Tests.Units;

/// <summary>The recap as the head of the Puskesmas reads it: labels not codes, minutes not seconds, and a day without data said plainly.</summary>
public sealed class RecapSheetTests
{
    private static readonly TimeStats NoTimes = new(0, null, null, 0, null, null, null);

    private static DailyRecap Recap(int issued) => new()
    {
        SiteId = "pkm-kokop",
        BusinessDay = new DateOnly(2026, 11, 23),
        Issued = issued,
        Visitors = issued,
        ByCategory = [new CountRow("Baru", 1) { Label = "Pasien baru" }, new CountRow("Unknown", issued - 1) { Label = "Tidak diketahui" }],
        ByPayer = [new CountRow("Bpjs", issued) { Label = "BPJS / KIS" }],
        ByPriority = [new CountRow("IbuHamil", 1) { Label = "Ibu hamil" }],
        Overall = new TimeStats(issued, TimeSpan.FromMinutes(72.2), TimeSpan.FromSeconds(20), issued, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(60), 0.5),
        Services = issued == 0 ? [] : [new ServiceRecap("UMUM", "Pendaftaran Umum", false, TimeSpan.FromMinutes(5), issued, issued, 0, 0, 0, 0, 0, NoTimes)],
    };

    [Theory]
    [InlineData(5 * 60, "5 mnt")]
    [InlineData(72 * 60 + 10, "1 jam 12 mnt")]
    [InlineData(60 * 60, "1 jam")]
    [InlineData(5, "< 1 mnt")]
    [InlineData(4 * 60 + 40, "5 mnt")]
    public void Durations_read_as_minutes_and_hours(int seconds, string expected) =>
        Assert.Equal(expected, RecapSheet.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_html_recap_shows_labels_never_code_names()
    {
        var html = RecapFiles.ToHtml("UPTD Puskesmas Kokop", Recap(9));

        Assert.Contains("<td>Tidak diketahui</td><td>8</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>BPJS / KIS</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Ibu hamil</td>", html, StringComparison.Ordinal);
        Assert.Contains("1 jam 12 mnt", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Bpjs<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Unknown<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dtk", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dirujuk", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_without_data_says_so_instead_of_zeros()
    {
        var html = RecapFiles.ToHtml("UPTD Puskesmas Kokop", Recap(0));

        Assert.Contains(RecapSheet.NoData, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(58)]
    [InlineData(80)]
    public void The_printed_recap_fits_the_paper_and_ends_with_one_cut(int widthMm)
    {
        var paper = widthMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;

        var receipt = EscPosInterpreter.Parse(RecapReceipt.Render("UPTD Puskesmas Kokop", Recap(9), paper, EscPosCodePage.Pc858), paper);

        var text = ReceiptRenderer.ToPlainText(receipt);
        Assert.Contains("Tidak diketahui", text, StringComparison.Ordinal);
        Assert.Contains("Ibu hamil", text, StringComparison.Ordinal);
        Assert.All(receipt.TextLines, line => Assert.True(line.Text.Length <= paper.Columns, $"'{line.Text}' is wider than {paper.Columns}"));
        Assert.Empty(receipt.Diagnostics);
    }
}
