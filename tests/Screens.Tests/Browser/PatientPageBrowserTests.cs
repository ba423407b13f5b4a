using Kiosk.Screens.Tests.Support;
using Microsoft.Playwright;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// The patient's phone page in Debian's Chromium at a phone's size (390×844) against the real stack: the QR code the
/// kiosk printed is opened as a phone camera would, and the page follows the ticket while lokets call.
/// </summary>
public sealed class PatientPageBrowserTests(ChromiumFixture chromium, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Seen = new() { Timeout = Pages.Timeout };

    private IBrowser Browser => chromium.BrowserOrSkip();

    [SkippableFact]
    [Trait(ReadmeScreenshots.Trait, ReadmeScreenshots.Value)]
    public async Task The_phone_page_follows_a_ticket_from_waiting_to_called_and_vibrates_once_when_called()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var loket1 = await Pages.LoketAsync(browser, h, 1);
        var first = await h.PressAsync("umum");
        var second = await h.PressAsync("umum");
        var mine = await h.PressAsync("umum");

        // The QR code holds the screens host's patient page and a token: no number, no id, no personal data.
        var qr = h.QrPayload(mine);
        var prefix = new Uri(h.BaseAddress, "/tiket/").AbsoluteUri;
        Assert.StartsWith(prefix, qr, StringComparison.Ordinal);
        var token = qr[prefix.Length..];
        Assert.True(Kiosk.Contract.Events.PatientToken.IsWellFormed(token), qr);

        var phone = await PhoneAsync(browser, qr);
        await Assertions.Expect(phone.Locator("#nomor")).ToHaveTextAsync(mine, Seen);
        await Assertions.Expect(phone.Locator("#judul")).ToHaveTextAsync("2 antrean di depan Anda", Seen);
        await Assertions.Expect(phone.Locator("#menit")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^± \d+ menit$"), Seen);
        await phone.ClickAsync("#aktifkan");
        await Assertions.Expect(phone.Locator("#aktifkan")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Pages.Timeout });
        await AssertAccessibleAsync(phone);

        // Others are called: the count ahead goes down, and the phone neither rings nor vibrates for them. Clicks, not
        // keys: a click waits until the loket page enables its buttons again after the previous press.
        await loket1.ClickAsync("button[data-perintah='call-next']");
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync(first, Seen);
        await Assertions.Expect(phone.Locator("#judul")).ToHaveTextAsync("1 antrean di depan Anda", Seen);
        await loket1.ClickAsync("button[data-perintah='serve-next']");
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync(second, Seen);
        await Assertions.Expect(phone.Locator("#judul")).ToHaveTextAsync("Anda berikutnya", Seen);
        Assert.Equal(1, await VibrationsAsync(phone));

        // Loket 3 (which also serves Pendaftaran Umum) calls it.
        var loket3 = await Pages.LoketAsync(browser, h, 3);
        await phone.EvaluateAsync(WatchCall);
        var pressedAt = await loket3.EvaluateAsync<double>("() => Date.now()");
        await loket3.ClickAsync("button[data-perintah='call-next']");
        await Assertions.Expect(loket3.Locator("#sekarang-nomor")).ToHaveTextAsync(mine, Seen);
        await Assertions.Expect(phone.Locator("#judul")).ToHaveTextAsync("Dipanggil ke Loket 3", Seen);
        await Assertions.Expect(phone.Locator("#keadaan")).ToHaveAttributeAsync("data-keadaan", "dipanggil", new() { Timeout = Pages.Timeout });
        await phone.WaitForFunctionAsync("() => window.getarLog.length === 2", null, new() { Timeout = Pages.Timeout });

        // Reported, not asserted (the machine may be loaded): the officer's click to the phone's "Dipanggil".
        var shownAt = await phone.EvaluateAsync<double>("() => window.dipanggilPada");
        output.WriteLine($"click at loket 3 -> 'Dipanggil' on the phone: {shownAt - pressedAt:0} ms");
        Assert.Equal(5, await phone.EvaluateAsync<int>("() => window.getarLog[1].length"));
        await AssertAccessibleAsync(phone);

        await phone.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathFor("screenshots/hp-pasien.png"), FullPage = true });

        // The token stays between the kiosk, the screens host and this phone: not on the TV's or a loket's page.
        Assert.DoesNotContain(token, h.Display.Current().Json, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await loket3.ContentAsync(), StringComparison.Ordinal);

        // What happened after: served.
        await loket3.ClickAsync("button[data-perintah='serve']");
        await Assertions.Expect(phone.Locator("#judul")).ToHaveTextAsync("Pendaftaran selesai", Seen);
        Assert.Equal(2, await VibrationsAsync(phone));
    }

    [SkippableFact]
    public async Task An_unknown_token_gets_a_clear_page_in_Indonesian()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var phone = await PhoneAsync(browser, new Uri(h.BaseAddress, "/tiket/AAAAAAAAAAAAAAAAAAAAAA").AbsoluteUri);
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Tiket tidak ditemukan atau sudah lewat hari.", Seen);
        await AssertAccessibleAsync(phone);
    }

    /// <summary>A phone: 390×844, touch, and <c>navigator.vibrate</c> recorded (headless Chromium has no motor).</summary>
    private static async Task<IPage> PhoneAsync(IBrowser browser, string address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        context.SetDefaultTimeout(Pages.Timeout);
        await context.AddInitScriptAsync("window.getarLog = []; navigator.vibrate = (pattern) => { window.getarLog.push([].concat(pattern)); return true; };");
        var page = await context.NewPageAsync();
        await page.GotoAsync(address);
        return page;
    }

    /// <summary>Stamps the moment the headline first says "Dipanggil" (both pages share the browser's clock).</summary>
    private const string WatchCall = """
        () => {
          const headline = document.getElementById("judul");
          window.dipanggilPada = null;
          new MutationObserver(() => {
            if (window.dipanggilPada === null && headline.textContent.startsWith("Dipanggil")) window.dipanggilPada = Date.now();
          }).observe(headline, { childList: true, characterData: true, subtree: true });
        }
        """;

    private static async Task<int> VibrationsAsync(IPage phone) => await phone.EvaluateAsync<int>("() => window.getarLog.length");

    private static async Task AssertAccessibleAsync(IPage page) => Assert.Empty(await Accessibility.SeriousOrCriticalAsync(page));
}
