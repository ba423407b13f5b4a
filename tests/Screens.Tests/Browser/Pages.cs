using Kiosk.Screens.Tests.Support;
using Microsoft.Playwright;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>Opens the two pages the way their users do: a loket PC (its own cookies) and the waiting-room TV.</summary>
internal static class Pages
{
    public static readonly float Timeout = (float)ScreensHarness.Wait.TotalMilliseconds;

    public static async Task<IPage> LoketAsync(IBrowser browser, ScreensHarness harness, int counter)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(harness.BaseAddress, "/loket").ToString());
        await page.FillAsync("#nomor-loket", counter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#kata-sandi", harness.Password(counter));
        await page.ClickAsync("#tombol-masuk");
        await Assertions.Expect(page.Locator("#nama-loket")).ToHaveTextAsync($"Loket {counter}", new() { Timeout = Timeout });
        return page;
    }

    public static async Task<IPage> DisplayAsync(IBrowser browser, ScreensHarness harness, string query = "")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(harness.BaseAddress, "/layar" + query).ToString());
        await Assertions.Expect(page.Locator("#nama-puskesmas")).ToHaveTextAsync("UPTD Puskesmas Kokop", new() { Timeout = Timeout });
        return page;
    }

    /// <summary>The clip lists the display played, in order.</summary>
    public static async Task<string[][]> PlayedAsync(IPage display) =>
        await display.EvaluateAsync<string[][]>("() => window.layarLog.map(a => a.clips)");

    public static async Task WaitPlayedAsync(IPage display, int count) =>
        await display.WaitForFunctionAsync($"() => window.layarLog.length >= {count}", null, new() { Timeout = Timeout });
}
