using System.Net;
using Kiosk.Device.Devices;
using Kiosk.Queue.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Kiosk.TestSupport;

namespace Kiosk.Simulator.Tests;

/// <summary>The front panel in Debian's Chromium against the running simulator: what a technician clicks and sees.</summary>
public sealed partial class FrontPanelBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan PrintDuration = TimeSpan.FromMilliseconds(1500);
    private const float Timeout = 20_000;

    [SkippableFact]
    public async Task A_button_click_prints_the_next_number_on_the_paper_roll_while_the_printing_lamp_is_lit()
    {
        await using var harness = await PanelHarness.StartAsync(PrintDuration);
        var page = await OpenAsync(harness);

        await page.ClickAsync("button.patient[data-button=umum]");
        await page.WaitForSelectorAsync("#printing.lit", new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#roll .ticket").CountAsync());
        await page.WaitForSelectorAsync("#roll .ticket", new() { Timeout = Timeout });
        await page.WaitForSelectorAsync("#printing:not(.lit)", new() { Timeout = Timeout });
        var first = Assert.Single(harness.Numbers());
        Assert.Contains(first, await page.Locator("#roll .ticket").First.TextContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("button.patient[data-button=umum]");
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        var numbers = harness.Numbers();
        Assert.Equal(2, numbers.Count);
        Assert.Equal(Next(first), numbers[1]);
        Assert.Contains(numbers[1], await page.Locator("#roll .ticket").First.TextContentAsync(), StringComparison.Ordinal);

        // The message views show what the broker delivered to the display and to loket 1.
        await Assertions.Expect(page.Locator("#view-display")).ToContainTextAsync("ticket.issued", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#view-loket1")).ToContainTextAsync("/state", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#creds")).ToContainTextAsync("counter-1");

        // A scan is one scan: the BPJS card typed into the field never presses the BPJS button.
        await page.FillAsync("#scan", "0001234567890");
        await page.PressAsync("#scan", "Enter");
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(3, new() { Timeout = Timeout });
        Assert.Equal(3, harness.Numbers().Count);
    }

    [SkippableFact]
    public async Task Every_loket_page_in_the_panel_opens_logged_in_as_its_own_counter_and_a_login_ticket_works_once()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withScreens: true);
        var page = await OpenAsync(harness);

        var counters = harness.Session.Services.GetRequiredService<QueueEngineOptions>().Counters;
        Assert.Equal(harness.Session.Broker.CounterCount, counters.Count);
        var loket = page.FrameLocator("#frame-loket");
        foreach (var counter in counters)
        {
            await page.ClickAsync($"[data-loket-tab=\"{counter.Id}\"]");
            await page.WaitForSelectorAsync($"#frame-loket[data-counter=\"{counter.Id}\"]");
            await Assertions.Expect(loket.Locator("#layar-loket")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Assertions.Expect(loket.Locator("#layar-masuk")).ToBeHiddenAsync(new() { Timeout = Timeout });
            await Assertions.Expect(loket.Locator("#nama-loket")).ToHaveTextAsync(counter.Name, new() { Timeout = Timeout });
        }

        // The ticket is the simulator's own, made in its process; it logs in through the broker once, then is spent.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(20) };
        var url = harness.Screens!.LoginUrl(2);
        using (var first = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.Equal("/loket?loket=2", first.Headers.Location?.OriginalString);
            Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("loket_sesi_2=", StringComparison.Ordinal));
        }

        using var again = await client.GetAsync(url);
        Assert.Equal("/loket", again.Headers.Location?.OriginalString);
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }

    [SkippableFact]
    [Trait(ReadmeScreenshots.Trait, ReadmeScreenshots.Value)]
    public async Task A_loket_call_appears_on_the_display()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withScreens: true);
        var page = await OpenAsync(harness);
        var loket = page.FrameLocator("#frame-loket");
        var display = page.FrameLocator("#frame-layar");
        await Assertions.Expect(loket.Locator("#layar-loket")).ToBeVisibleAsync(new() { Timeout = Timeout });

        await page.ClickAsync("button.patient[data-button=umum]");

        // Callable once the kiosk has marked it printed: its ticket.printed event is what the display then receives.
        await Assertions.Expect(page.Locator("#view-display")).ToContainTextAsync("ticket.printed", new() { Timeout = Timeout });
        var number = Assert.Single(harness.Numbers());
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync(number, new() { Timeout = Timeout });
        await loket.Locator("[data-perintah=call-next]").ClickAsync();

        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(number, new() { Timeout = Timeout });
        await Assertions.Expect(display.Locator("#nomor-utama")).ToHaveTextAsync(number, new() { Timeout = Timeout });
        await Assertions.Expect(display.Locator("#loket-daftar")).ToContainTextAsync(number, new() { Timeout = Timeout });
        Assert.Equal("1", harness.Session.Engine.TodayTickets().Single().CalledBy);

        // The README's first picture: the whole window, the kiosk, its roll, the display and every loket page.
        await page.ClickAsync("button.patient[data-button=bpjs]");
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(2, new() { Timeout = Timeout });

        // Loket 1 calls UMUM and PRIO: the BPJS ticket is in its list once the officer asks for every service.
        await loket.Locator("#semua-layanan").CheckAsync();
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync(harness.Numbers()[1], new() { Timeout = Timeout });

        // A window as tall as the page: frames below the viewport come out blank in a full-page capture.
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(1600, height);
        await Assertions.Expect(display.Locator("#nomor-utama")).ToBeInViewportAsync(new() { Timeout = Timeout });
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToBeInViewportAsync(new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathFor("simulator-panel.png") });
    }

    [SkippableFact]
    public async Task Paper_out_refuses_a_press_with_the_buzzer_and_uses_no_number()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero);
        var page = await OpenAsync(harness);

        await page.ClickAsync("[data-printer=kertas-habis]");
        await page.WaitForSelectorAsync("#problem.lit", new() { Timeout = Timeout });
        await page.WaitForSelectorAsync("#lamp-umum:not(.lit)", new() { Timeout = Timeout });
        await page.ClickAsync("button.patient[data-button=umum]");

        await Assertions.Expect(page.Locator("#buzz-count")).Not.ToHaveTextAsync("0", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("kertas", new() { Timeout = Timeout, IgnoreCase = true });
        Assert.Empty(harness.Numbers());
        Assert.Equal(0, await page.Locator("#roll .ticket").CountAsync());

        // Paper back: the next press gets the first number of the day.
        await page.ClickAsync("[data-printer=normal]");
        await page.WaitForSelectorAsync("#lamp-umum.lit", new() { Timeout = Timeout });
        await page.ClickAsync("button.patient[data-button=umum]");
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        Assert.EndsWith("001", Assert.Single(harness.Numbers()), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_power_cut_while_printing_reprints_the_ticket_marked_CETAK_ULANG_after_restart_and_repeats_no_number()
    {
        // The kiosk in its own process, as `./kiosk.sh run` has it: the power cut is a SIGKILL, not a host stop.
        await using var harness = await PanelHarness.StartAsync(PrintDuration, kioskInChildProcess: true);
        var page = await OpenAsync(harness);
        var before = harness.Session.KioskProcessId;
        Assert.NotNull(before);
        Assert.NotEqual(Environment.ProcessId, before);

        await page.ClickAsync("button.patient[data-button=bpjs]");
        await page.WaitForSelectorAsync("#printing.lit", new() { Timeout = Timeout });
        var cut = Assert.Single(harness.Numbers());
        await page.ClickAsync("[data-kiosk=padam]");
        await page.WaitForSelectorAsync("#kiosk.dead", new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#roll .ticket").CountAsync());
        Assert.Null(harness.Session.KioskProcessId);
        Assert.False(Directory.Exists($"/proc/{before}"), $"Proses kiosk {before} masih ada setelah listrik padam.");

        // The connection died without a goodbye, as on the Pi: the broker sent the kiosk's last will to the display.
        await Assertions.Expect(page.Locator("#view-display")).ToContainTextAsync("Kiosk tidak terhubung", new() { Timeout = Timeout });
        Assert.DoesNotContain("Kiosk dimatikan", await page.Locator("#view-display").TextContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("[data-kiosk=nyala]");
        await page.WaitForSelectorAsync("#kiosk:not(.dead)", new() { Timeout = Timeout });
        var after = harness.Session.KioskProcessId;
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
        var reprint = page.Locator("#roll .ticket.reprint");
        await Assertions.Expect(reprint).ToHaveCountAsync(1, new() { Timeout = Timeout });
        Assert.Contains("CETAK ULANG", await reprint.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(cut, await reprint.TextContentAsync(), StringComparison.Ordinal);

        await page.WaitForSelectorAsync("#lamp-bpjs.lit", new() { Timeout = Timeout });
        await page.ClickAsync("button.patient[data-button=bpjs]");
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        var numbers = harness.Numbers();
        Assert.Equal([cut, Next(cut)], numbers);
        Assert.Contains(Next(cut), await page.Locator("#roll .ticket").First.TextContentAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_scenario_started_from_the_page_plays_its_day_on_its_own_stack_and_shows_the_report()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero);
        var page = await OpenAsync(harness);

        await page.SelectOptionAsync("#scenario-name", "hari-biasa");
        await page.ClickAsync("#scenario-run");
        await page.WaitForSelectorAsync("#scenario-run:disabled");

        // A day of 120 patients through its own broker and kiosk: about 15 s alone, longer beside other builds.
        await page.WaitForSelectorAsync("#scenario-result[data-state=selesai]", new() { Timeout = 240_000 });
        var report = await page.Locator("#scenario-result").TextContentAsync();
        Assert.Contains("Invarian: semua terpenuhi", report, StringComparison.Ordinal);
        Assert.Contains("Rekap kiosk setelah tutup hari", report, StringComparison.Ordinal);
        Assert.Contains("ok", await page.Locator("#scenario-result").GetAttributeAsync("class"), StringComparison.Ordinal);

        // The panel's own kiosk kept its day: the scenario's tickets are not in its log.
        Assert.Empty(harness.Numbers());
    }

    private async Task<IPage> OpenAsync(PanelHarness harness)
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        var page = await browser.Context!.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync(harness.Server.Address.ToString());
        await page.WaitForSelectorAsync("#sse-pill.on");
        await page.WaitForSelectorAsync($"#{KioskSignals.ButtonLamp("umum")}.lit");
        return page;
    }

    private static string Next(string number)
    {
        var digits = new string(number.Reverse().TakeWhile(char.IsAsciiDigit).Reverse().ToArray());
        var next = (int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(new string('0', digits.Length), System.Globalization.CultureInfo.InvariantCulture);
        return number[..^digits.Length] + next;
    }
}
