using Deque.AxeCore.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>axe-core on the front panel: a technician with a screen reader or only a keyboard can use every switch.</summary>
public sealed partial class FrontPanelBrowserTests
{
    [SkippableFact]
    public async Task The_front_panel_has_no_serious_or_critical_accessibility_violations()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withScreens: true);
        var page = await OpenAsync(harness);

        // With a ticket on the roll, a message in each view and a note under the clock: the page as it is used.
        await page.ClickAsync("button.patient[data-button=umum]");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await page.FillAsync("#jump", "09:00");
        await page.ClickAsync("#jump-btn");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#clock-note")).Not.ToBeEmptyAsync(new() { Timeout = Timeout });

        var result = await page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, string.Join("\n", severe.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html))}")));
    }
}
