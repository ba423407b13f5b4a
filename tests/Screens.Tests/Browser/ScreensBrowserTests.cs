using System.Text;
using Kiosk.Screens.Tests.Support;
using Microsoft.Playwright;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// The loket page and the display in Debian's Chromium against the real stack. Every wait is Playwright's bounded
/// auto-waiting on what a person would see; no sleeps.
/// </summary>
public sealed class ScreensBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);
    private static readonly LocatorAssertionsToHaveTextOptions Seen = new() { Timeout = Pages.Timeout };

    private IBrowser Browser => chromium.BrowserOrSkip();

    [SkippableFact]
    [Trait(ReadmeScreenshots.Trait, ReadmeScreenshots.Value)]
    public async Task An_officer_calls_by_mouse_and_keyboard_and_the_display_shows_and_announces_it_without_personal_data()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        using var stream = new DisplayStreamRecorder(h);
        var display = await Pages.DisplayAsync(browser, h);
        var loket1 = await Pages.LoketAsync(browser, h, 1);
        var first = await h.PressAsync("umum");
        var second = await h.PressAsync("umum");
        const string bpjsCard = "0001234567890";
        var bpjs = await h.ScanAsync(bpjsCard);

        // Mouse.
        await loket1.ClickAsync("button[data-perintah='call-next']");
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync(first, Seen);
        await Assertions.Expect(display.Locator("#nomor-utama")).ToHaveTextAsync(first, Seen);
        await Pages.WaitPlayedAsync(display, 1);

        // Keyboard: D = selesai & panggil berikutnya.
        await loket1.Keyboard.PressAsync("d");
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync(second, Seen);
        await Pages.WaitPlayedAsync(display, 2);
        var played = await Pages.PlayedAsync(display);
        Assert.Equal(["chime", "nomor-antrean", "a", "satu", "silakan-menuju", "loket", "satu"], played[0]);
        Assert.Equal(["chime", "nomor-antrean", "a", "dua", "silakan-menuju", "loket", "satu"], played[1]);
        await Assertions.Expect(display.Locator("#teks-panggilan")).ToHaveTextAsync("Nomor antrean, A, dua, silakan menuju, loket, satu.", Seen);

        // Loket 2 calls the patient who scanned a BPJS card: only loket 2's page shows the card number.
        var loket2 = await Pages.LoketAsync(browser, h, 2);
        await loket2.Keyboard.PressAsync("n");
        await Assertions.Expect(loket2.Locator("#sekarang-nomor")).ToHaveTextAsync(bpjs, Seen);
        await Assertions.Expect(loket2.Locator("#kartu")).ToContainTextAsync(bpjsCard, new() { Timeout = Pages.Timeout });
        await Assertions.Expect(display.Locator("#nomor-utama")).ToHaveTextAsync(bpjs, Seen);
        await Pages.WaitPlayedAsync(display, 3);
        Assert.DoesNotContain(bpjsCard, await display.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(bpjsCard, stream.Text, StringComparison.Ordinal);
        Assert.Contains(bpjs, stream.Text, StringComparison.Ordinal);

        // Screenshots for the README.
        await loket2.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathFor("screenshots/loket.png") });
        await display.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathFor("screenshots/layar.png") });
    }

    [SkippableFact]
    public async Task Fifty_rapid_presses_of_call_next_call_one_patient_and_skip_no_number()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await h.PressAsync("umum"));
        }

        var loket = await Pages.LoketAsync(browser, h, 1);
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync("Pendaftaran Umum (3)", new() { Timeout = Pages.Timeout });
        for (var i = 0; i < 50; i++)
        {
            await loket.Keyboard.PressAsync("n");
        }

        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(numbers[0], Seen);
        await loket.WaitForFunctionAsync("() => !document.querySelector('[data-perintah=\"call-next\"]').disabled", null, new() { Timeout = Pages.Timeout });
        var log = System.Text.Json.JsonSerializer.Deserialize<LogEntry[]>(
            await loket.EvaluateAsync<string>("() => JSON.stringify(window.loketLog)"), WebJson)!;
        Assert.Single(log, e => e.Ok);
        Assert.All(log.Where(e => !e.Ok), e => Assert.Contains("masih melayani", e.Message, StringComparison.Ordinal));
        var called = h.Kiosk.Engine.TodayTickets().Where(t => t.CalledBy == "1").Select(t => t.Number).ToList();
        Assert.Equal([numbers[0]], called);

        // The next press after serving takes the next number: nothing was skipped.
        await loket.Keyboard.PressAsync("d");
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(numbers[1], Seen);
    }

    [SkippableFact]
    public async Task After_a_broker_restart_both_pages_show_the_outage_and_recover_without_replaying_calls()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var display = await Pages.DisplayAsync(browser, h);
        var loket = await Pages.LoketAsync(browser, h, 1);
        var first = await h.PressAsync("umum");
        var second = await h.PressAsync("umum");
        await loket.Keyboard.PressAsync("n");
        await Pages.WaitPlayedAsync(display, 1);

        await h.Broker.StopAsync();
        await Assertions.Expect(display.Locator("#banner-koneksi")).ToBeVisibleAsync(new() { Timeout = Pages.Timeout });
        await Assertions.Expect(loket.Locator("#banner-koneksi")).ToBeVisibleAsync(new() { Timeout = Pages.Timeout });

        await h.Broker.RestartAsync();
        await Assertions.Expect(display.Locator("#banner-koneksi")).ToBeHiddenAsync(new() { Timeout = Pages.Timeout });
        await Assertions.Expect(loket.Locator("#banner-koneksi")).ToBeHiddenAsync(new() { Timeout = Pages.Timeout });
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(first, Seen);
        await Assertions.Expect(display.Locator("#loket-daftar")).ToContainTextAsync(first, new() { Timeout = Pages.Timeout });

        // The next call is the second announcement: the first was not played again after the outage.
        await loket.Keyboard.PressAsync("d");
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(second, Seen);
        await Pages.WaitPlayedAsync(display, 2);
        var numbers = await display.EvaluateAsync<string[]>("() => window.layarLog.map(a => a.number)");
        Assert.Equal([first, second], numbers);
    }

    [SkippableFact]
    public async Task Two_displays_and_three_lokets_at_once_and_a_display_opened_mid_day_shows_the_retained_state()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        await h.PressAsync("umum");
        await h.PressAsync("bpjs");
        await h.PressAsync("umum");
        var lokets = new List<IPage>();
        for (var counter = 1; counter <= 3; counter++)
        {
            var page = await Pages.LoketAsync(browser, h, counter);
            await page.Keyboard.PressAsync("n");
            lokets.Add(page);
        }

        var serving = new List<string>();
        foreach (var page in lokets)
        {
            await Assertions.Expect(page.Locator("#sekarang-nomor")).Not.ToHaveTextAsync("---", Seen);
            serving.Add(await page.InnerTextAsync("#sekarang-nomor"));
        }

        Assert.Equal(3, serving.Distinct().Count());

        // Opened after the calls: drawn from the retained snapshot, nothing announced.
        var hall = await Pages.DisplayAsync(browser, h);
        var room2 = await Pages.DisplayAsync(browser, h, "?loket=2");
        foreach (var number in serving)
        {
            await Assertions.Expect(hall.Locator("#loket-daftar")).ToContainTextAsync(number, new() { Timeout = Pages.Timeout });
        }

        await Assertions.Expect(room2.Locator("#loket-daftar")).ToContainTextAsync(serving[1], new() { Timeout = Pages.Timeout });
        Assert.DoesNotContain(serving[0], await room2.InnerTextAsync("#loket-daftar"), StringComparison.Ordinal);
        Assert.Empty(await Pages.PlayedAsync(hall));
    }

    private sealed record LogEntry(string Type, string CommandId, bool Ok, string Message, string? Number);

    /// <summary>Everything the display's SSE stream sends while the test runs, as raw text.</summary>
    private sealed class DisplayStreamRecorder : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly StringBuilder text = new();
        private readonly HttpClient client;

        public DisplayStreamRecorder(ScreensHarness harness)
        {
            client = harness.NewClient();
            client.Timeout = Timeout.InfiniteTimeSpan;
            _ = Task.Run(async () =>
            {
                try
                {
                    using var stream = await client.GetStreamAsync(new Uri(harness.BaseAddress, "/api/layar/aliran"), stop.Token);
                    using var reader = new StreamReader(stream);
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                    {
                        lock (text)
                        {
                            text.AppendLine(line);
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
                {
                    // Stopped at the end of the test.
                }
            });
        }

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            client.Dispose();
            stop.Dispose();
        }
    }
}
