using System.Globalization;
using Kiosk.Device.DayClose;
using Kiosk.Device.Tests.EndToEnd;

namespace Kiosk.Device.Tests.Process;

/// <summary>recap and export on the kiosk's own executable and configuration, against a ticket log with real tickets.</summary>
public sealed class TechnicianCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Recap_and_export_read_the_ticket_log_and_mask_card_numbers()
    {
        var data = Directory.CreateTempSubdirectory("kiosk-tools-").FullName;
        DateOnly day;
        await using (var kiosk = await KioskHarness.StartAsync(dataDirectory: data))
        {
            await kiosk.PressAsync("umum");
            await kiosk.ScanAsync("0001234567890");
            day = kiosk.Session.Engine.BusinessDay;
        }

        var settings = new Dictionary<string, string>
        {
            ["Kiosk:Hardware:Kind"] = "simulated",
            ["Kiosk:Printer:Transport"] = "simulated",
            ["Kiosk:DataDirectory"] = data,
        };
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await using var recapRun = KioskProcess.Start(new Dictionary<string, string>(settings) { ["date"] = date }, verb: "recap");
        Assert.Equal(0, await recapRun.WaitForExitAsync(Wait));
        Assert.True(File.Exists(RecapFiles.CsvPath(data, day)), recapRun.Output);
        Assert.Contains("Rekap Harian", await File.ReadAllTextAsync(RecapFiles.HtmlPath(data, day)), StringComparison.Ordinal);

        var csv = Path.Combine(data, "export.csv");
        await using var exportRun = KioskProcess.Start(new Dictionary<string, string>(settings) { ["from"] = date, ["to"] = date, ["output"] = csv }, verb: "export");
        Assert.Equal(0, await exportRun.WaitForExitAsync(Wait));
        var exported = await File.ReadAllTextAsync(csv);
        Assert.Contains("A-001", exported, StringComparison.Ordinal);
        Assert.Contains("B-001", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("0001234567890", exported, StringComparison.Ordinal);

        await using var badDate = KioskProcess.Start(new Dictionary<string, string>(settings) { ["date"] = "23/11/2026" }, verb: "recap");
        Assert.Equal(2, await badDate.WaitForExitAsync(Wait));
        Assert.Contains("yyyy-MM-dd", badDate.Output, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }
}
