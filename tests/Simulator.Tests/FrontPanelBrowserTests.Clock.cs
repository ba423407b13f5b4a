using Kiosk.TestSupport;
using Microsoft.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>The panel's clock: a technician walks a working day forward and back, and the lokets keep working.</summary>
public sealed partial class FrontPanelBrowserTests
{
    [SkippableFact]
    public async Task Walking_the_clock_through_a_day_closes_it_at_the_closing_time_and_the_loket_page_keeps_working_forward_and_back()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withScreens: true, clockAt: new TimeOnly(7, 30));
        var page = await OpenAsync(harness);
        var loket = page.FrameLocator("#frame-loket");
        await Assertions.Expect(loket.Locator("#layar-loket")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#day-close")).ToHaveTextAsync("pukul 16:00");

        // Past the closing time: the kiosk closes its day at once, as on a Pi whose clock reaches 16:00.
        await SetClockAsync(page, "16:05", "#jump-btn");
        await Assertions.Expect(page.Locator("#clock-note")).ToContainTextAsync("menutup hari pelayanan", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#view-display")).ToContainTextAsync("day.closed", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync(" 16:0", new() { Timeout = Timeout });

        // Back within the day: the closed day stays closed, and the panel says so.
        await SetClockAsync(page, "10:00", "#jump-btn");
        await Assertions.Expect(page.Locator("#clock-note")).ToContainTextAsync("tetap tertutup", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync(" 10:0", new() { Timeout = Timeout });
        await page.ClickAsync("button.patient[data-button=umum]");
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("ditutup", new() { Timeout = Timeout });
        Assert.Empty(harness.Numbers());

        // The next day: a new day's first number, called from the loket page (logged in again for the new day).
        await SetClockAsync(page, "08:00", "#jump-next");
        await Assertions.Expect(page.Locator("#clock-note")).ToContainTextAsync("hari berikutnya", new() { Timeout = Timeout });
        var first = await PressAndCallAsync(harness, page, loket, "call-next", 1);
        Assert.EndsWith("001", first, StringComparison.Ordinal);

        // Back an hour, then forward again: each time the next patient is called without a clock complaint.
        await SetClockAsync(page, "07:00", "#jump-btn");
        await Assertions.Expect(page.Locator("#clock-note")).ToContainTextAsync("dimundurkan", new() { Timeout = Timeout });
        var second = await PressAndCallAsync(harness, page, loket, "serve-next", 2);
        await SetClockAsync(page, "11:30", "#jump-btn");
        await Assertions.Expect(page.Locator("#clock-note")).ToContainTextAsync("dimajukan", new() { Timeout = Timeout });
        var third = await PressAndCallAsync(harness, page, loket, "serve-next", 3);
        Assert.Equal([first, second, third], harness.Numbers());

        // The panel's own loket desk (MQTT as counter-2) shares the clock too.
        await page.SelectOptionAsync("#desk-counter", "2");
        await page.ClickAsync("[data-cmd=call-next]");
        await Assertions.Expect(page.Locator("#desk-reply")).Not.ToBeEmptyAsync(new() { Timeout = Timeout });
        Assert.DoesNotContain("selisih", await page.Locator("#desk-reply").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("selisih", await loket.Locator("body").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_kiosk_in_its_own_process_follows_the_panel_clock_forward_and_back()
    {
        // As `./kiosk.sh run` has it: the jump and the day-close check cross the socket to the kiosk process.
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, kioskInChildProcess: true, clockAt: new TimeOnly(7, 30));
        var page = await OpenAsync(harness);

        await SetClockAsync(page, "16:30", "#jump-btn");
        await Assertions.Expect(page.Locator("#view-display")).ToContainTextAsync("day.closed", new() { Timeout = Timeout });
        await SetClockAsync(page, "08:00", "#jump-next");
        await SetClockAsync(page, "07:40", "#jump-btn");
        await page.ClickAsync("button.patient[data-button=umum]");
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var number = Assert.Single(harness.Numbers());
        Assert.EndsWith("001", number, StringComparison.Ordinal);

        await page.SelectOptionAsync("#desk-counter", "1");
        await page.ClickAsync("[data-cmd=call-next]");
        await Assertions.Expect(page.Locator("#desk-reply")).ToContainTextAsync(number, new() { Timeout = Timeout });
    }

    [Theory]
    [InlineData("jam=25:99")]
    [InlineData("jam=16")]
    [InlineData("jam=&hari=besok")]
    [InlineData("")]
    public async Task A_clock_the_panel_cannot_read_gets_a_clear_answer_and_leaves_the_clock_alone(string form)
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, clockAt: new TimeOnly(9, 0));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var before = harness.Session.Clock.Offset;

        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var answer = await client.PostAsync(new Uri(harness.Server.Address, "api/jam"), content);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Jam harus berbentuk JJ:MM", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, harness.Session.Clock.Offset);
    }

    private static async Task SetClockAsync(IPage page, string time, string button)
    {
        await page.Locator("#clock-note").EvaluateAsync("note => note.textContent = ''");
        await page.FillAsync("#jump", time);
        await page.ClickAsync(button);
        await Assertions.Expect(page.Locator("#clock-note")).Not.ToBeEmptyAsync(new() { Timeout = Timeout });
    }

    /// <summary>A patient takes a number, and the loket page calls it with <paramref name="command"/>; returns the number.</summary>
    private static async Task<string> PressAndCallAsync(PanelHarness harness, IPage page, IFrameLocator loket, string command, int tickets)
    {
        await page.ClickAsync("button.patient[data-button=umum]");
        await Assertions.Expect(page.Locator("#view-display")).ToContainTextAsync("ticket.printed", new() { Timeout = Timeout });
        var number = await WaitForTicketAsync(harness, tickets);
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync(number, new() { Timeout = Timeout });
        await loket.Locator($"[data-perintah={command}]").ClickAsync();
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(number, new() { Timeout = Timeout });
        return number;
    }

    private static async Task<string> WaitForTicketAsync(PanelHarness harness, int count)
    {
        await Eventually.TrueAsync(() => harness.Numbers().Count >= count, $"the kiosk has {count} tickets today", TimeSpan.FromSeconds(20));
        return harness.Numbers()[count - 1];
    }
}
