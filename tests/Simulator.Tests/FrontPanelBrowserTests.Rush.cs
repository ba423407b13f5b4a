using Kiosk.Device.Configuration;
using Microsoft.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>Presses faster than the printer: each one becomes a ticket or a refusal the technician can read, none vanishes.</summary>
public sealed partial class FrontPanelBrowserTests
{
    [SkippableFact]
    public async Task Thirty_presses_0_6_s_apart_while_tickets_print_are_each_a_ticket_or_a_visible_refusal()
    {
        // The shipped lock-out (1.5 s) and a printer slower than the patients, so presses arrive while tickets print.
        var lockout = TimeSpan.FromMilliseconds(new HardwareOptions().ButtonLockoutMilliseconds);
        await using var harness = await PanelHarness.StartAsync(TimeSpan.FromMilliseconds(2500), lockout: lockout);
        var page = await OpenAsync(harness);
        const int presses = 30;

        var waitingLampLit = page.WaitForSelectorAsync("#waiting.lit", new() { Timeout = 60_000 });

        // 0.6 s apart on the button panel's own timeline, as the kiosk's press rule reads them, however busy the
        // machine is: the decisions come at once, the 2.5 s prints after them in real time.
        var levels = Enumerable.Range(0, presses)
            .SelectMany(i => new[] { (true, TimeSpan.FromMilliseconds(600 * i)), (false, TimeSpan.FromMilliseconds((600 * i) + 120)) })
            .ToArray();
        harness.Session.Buttons.Bounce("umum", levels);

        // Every press accounted for on the panel: a ticket on the roll, or a refusal with its reason in the activity list.
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#roll .ticket').length + document.querySelectorAll('#activity .DoublePress, #activity .Busy, #activity .Refused').length === n",
            presses, new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#waiting:not(.lit)", new() { Timeout = Timeout });
        await waitingLampLit;

        var tickets = await page.Locator("#roll .ticket").CountAsync();
        var doubles = page.Locator("#activity .DoublePress");
        Assert.Equal(tickets, harness.Numbers().Count);
        Assert.InRange(tickets, 1, presses - 1);
        Assert.True(await doubles.CountAsync() >= 1, "Tidak ada tekanan ganda yang ditolak, padahal tombol ditekan tiap 0,6 detik.");
        Assert.Contains("satu tekanan untuk satu tiket", await doubles.First.TextContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#activity .Queued").First).ToContainTextAsync("tiket di depan");
        Assert.Equal(0, await page.Locator("#activity .Refused").CountAsync());
    }
}
