using Microsoft.Playwright;
using Xunit;

namespace Kiosk.TestSupport.Browser;

/// <summary>
/// One headless Debian Chromium per test class (the screens and Dinkes page tests), driven by Playwright (never a downloaded browser). When it cannot
/// start, <see cref="SkipReason"/> says why and the tests report SKIPPED, never passed.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public string? SkipReason { get; private set; }

    /// <summary>The browser, or the test reports itself skipped with the reason Chromium could not start.</summary>
    public IBrowser BrowserOrSkip()
    {
        Skip.If(SkipReason is not null, SkipReason);
        return Browser!;
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"{ChromiumPath} is not installed (./kiosk.sh test installs the Debian package chromium).";
            return;
        }

        try
        {
            playwright = await Playwright.CreateAsync();
            Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Timeout = 60_000,

                // Playwright gives every launch a fresh temporary profile (the user-data-dir). The TV's autoplay flag
                // is the one the README tells the technician to use.
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--autoplay-policy=no-user-gesture-required",
                ],
            });
        }
        catch (PlaywrightException ex)
        {
            SkipReason = $"Chromium did not start: {ex.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
