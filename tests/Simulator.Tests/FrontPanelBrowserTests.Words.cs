using Microsoft.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>What a technician reads on the panel: Bahasa Indonesia, no status codes, and a failure's real cause.</summary>
public sealed partial class FrontPanelBrowserTests
{
    [SkippableFact]
    public async Task The_panel_speaks_Indonesian_and_a_ticket_cut_off_mid_print_names_the_real_cause()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero);
        var page = await OpenAsync(harness);

        await page.ClickAsync("[data-printer=gagal-cetak]");
        await page.ClickAsync("button.patient[data-button=umum]");
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("gagal dicetak: sambungan ke printer terputus", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("[tombol Pasien Umum]");
        await Assertions.Expect(page.Locator("#activity")).Not.ToContainTextAsync("Printer siap");

        await page.ClickAsync("[data-printer=kertas-habis]");
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("Printer: kertas habis", new() { Timeout = Timeout });
        await page.FillAsync("#scan", "X?12#");
        await page.PressAsync("#scan", "Enter");
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("[pemindai]", new() { Timeout = Timeout });

        // Everything but the raw MQTT messages and the broker's user table (wire words on purpose).
        var words = await page.EvaluateAsync<string>(
            "() => { const b = document.body.cloneNode(true); b.querySelectorAll('.log, #creds, script, iframe, code').forEach(e => e.remove()); return b.textContent; }");
        foreach (var leak in new[] { "kertas-habis", "Buzzer", "normal", "retained", "[scan]", "[umum]", "majukan jam" })
        {
            Assert.DoesNotContain(leak, words, StringComparison.Ordinal);
        }

        Assert.Contains("Bel", words, StringComparison.Ordinal);
    }
}
