using System.Globalization;
using Kiosk.Screens.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// A Monday morning on the waiting-room TV: many calls at once are all drawn as they arrive, and the voice works through
/// them behind the picture. No end-to-end timing is asserted (the suite runs on a busy machine); what is asserted is
/// structure: every call is drawn in the handler that received it, before and independent of its voice.
/// </summary>
public sealed class DisplayRushTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private IBrowser Browser => chromium.BrowserOrSkip();

    [SkippableFact]
    [Trait(ReadmeScreenshots.Trait, ReadmeScreenshots.Value)]
    public async Task A_burst_of_12_calls_from_4_lokets_is_on_the_TV_at_once_each_drawn_as_it_arrives()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync(kioskOverrides: BusySite.Kiosk(counters: 4, queues: 11));
        var display = await Pages.DisplayAsync(browser, h);
        var tickets = await BusySite.TicketsAsync(h, 12);
        var lokets = await BusySite.LoginAsync(h, 4);

        var calls = await BusySite.BurstAsync(lokets, callsPerCounter: 3);
        output.WriteLine($"Burst: {calls.Count} calls in {calls.Max(c => c.ClickedAt) - calls.Min(c => c.ClickedAt):F0} ms of clicks.");
        Assert.Equal(tickets.Order(StringComparer.Ordinal), calls.Select(c => c.Number).Order(StringComparer.Ordinal));

        await display.WaitForFunctionAsync("() => window.layarShown.length >= 12", null, new() { Timeout = Pages.Timeout });
        var onScreen = await DisplayLayout.MeasureAsync(display);
        var shown = BusySite.Shown(await display.EvaluateAsync<string>("() => JSON.stringify(window.layarShown)"));

        // All twelve on screen at the same instant: the newest in the big panel, the others as highlighted tiles.
        Assert.Equal(calls.Select(c => c.Number).Order(StringComparer.Ordinal), onScreen.VisibleCalls.Order(StringComparer.Ordinal));
        Assert.Empty(onScreen.Outside);
        var firstReceived = shown.Min(s => s.ReceivedAt);
        if (await display.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()") - firstReceived < 30_000)
        {
            Assert.Equal(11, onScreen.Highlighted);
        }

        // Drawn as it arrived, never after the voice: the page drew each call in the handler that received it.
        foreach (var call in calls.OrderBy(c => c.ClickedAt))
        {
            var entry = Assert.Single(shown, s => s.Number == call.Number);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{call.Number}: click to shown {entry.ShownAt - call.ClickedAt,6:F0} ms, received to shown {entry.ShownAt - entry.ReceivedAt,5:F1} ms"));
            Assert.InRange(entry.ShownAt - entry.ReceivedAt, 0, 1000);
            Assert.True(entry.SpokenAt is null || entry.SpokenAt >= entry.ShownAt, $"{call.Number} was spoken before it was shown.");
        }

        var spokenWhenAllShown = shown.Count(s => s.SpokenAt is { } at && at <= shown.Max(x => x.ShownAt));
        output.WriteLine($"Announcements begun by the time the twelfth call was drawn: {spokenWhenAllShown}.");

        await display.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathFor("screenshots/layar-ramai.png") });
    }

    [SkippableFact]
    public async Task A_call_whose_turn_in_the_voice_comes_after_the_maximum_age_is_shown_but_not_spoken()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync(
            new Dictionary<string, string> { ["Screens:AnnounceMaxAgeSeconds"] = "2" },
            kioskOverrides: BusySite.Kiosk(counters: 4, queues: 11));
        var display = await Pages.DisplayAsync(browser, h);
        await BusySite.TicketsAsync(h, 4);
        var lokets = await BusySite.LoginAsync(h, 4);

        var calls = await BusySite.BurstAsync(lokets, callsPerCounter: 1);

        // One announcement lasts longer than 2 s, so whatever the machine's speed, the voice reaches the later calls
        // after their 2 s: they are drawn, and the voice skips them instead of reading them out late.
        await Pages.WaitPlayedAsync(display, 4);
        var log = BusySite.Shown(await display.EvaluateAsync<string>("() => JSON.stringify(window.layarLog)"));
        Assert.Equal(calls.Select(c => c.Number).Order(StringComparer.Ordinal), log.Select(e => e.Number).Order(StringComparer.Ordinal));
        Assert.Contains(log, e => e.Spoken == false);
        Assert.All(log.Where(e => e.Spoken == false), e => Assert.Empty(e.Clips));
        Assert.All(log.Where(e => e.Spoken == true), e => Assert.NotEmpty(e.Clips));
        Assert.All(log, e => Assert.NotNull(e.CalledAt));
        var measured = await DisplayLayout.MeasureAsync(display);
        Assert.Equal(calls.Select(c => c.Number).Order(StringComparer.Ordinal), measured.VisibleCalls.Order(StringComparer.Ordinal));
    }
}
