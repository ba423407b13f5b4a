using Microsoft.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), headless with a fresh profile. When it cannot
/// start, <see cref="Unavailable"/> says why and the browser tests report SKIPPED with that reason.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private readonly string profile = Directory.CreateTempSubdirectory("kiosk-chromium-").FullName;

    public IBrowserContext? Context { get; private set; }

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"{ChromiumPath} tidak ada (apt-get install chromium)";
            return;
        }

        try
        {
            playwright = await Playwright.CreateAsync();
            Context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Flags,
                ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException ex)
        {
            Unavailable = $"Chromium tidak bisa dimulai: {ex.Message.Split('\n')[0]}";
        }
    }

    public async Task DisposeAsync()
    {
        if (Context is not null)
        {
            await Context.DisposeAsync();
        }

        playwright?.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; a leftover temp folder is harmless.
        }
    }
}
