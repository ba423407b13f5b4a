using Kiosk.Contract.Topics;
using Kiosk.Broker;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Screens.Tests.Support;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// What the officer sees of the BPJS bridge, in Debian's Chromium against the real kiosk and Mosquitto: the bridge's
/// status is published retained by a test publisher as the <c>bpjs</c> broker user, exactly as the bridge does.
/// </summary>
public sealed class LoketBpjsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Reason = "Nomor kartu peserta tidak ditemukan";
    private const string Line = "Laporan BPJS ditolak: " + Reason;
    private const string Backlog = "3 laporan BPJS menunggu koneksi sejak 08.14";
    private static readonly SiteTopics Topics = new(ScreensHarness.Site);
    private static readonly LocatorAssertionsToHaveTextOptions Seen = new() { Timeout = Pages.Timeout };
    private static readonly LocatorAssertionsToContainTextOptions Shows = new() { Timeout = Pages.Timeout };
    private static readonly LocatorAssertionsToBeHiddenOptions Gone = new() { Timeout = Pages.Timeout };

    private IBrowser Browser => chromium.BrowserOrSkip();

    [SkippableFact]
    public async Task A_refused_ticket_carries_its_line_the_backlog_shows_a_bad_status_is_dropped_and_the_all_clear_shows_nothing()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var log = new DroppedStatusLog();
        h.Screens.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var fine = await h.PressAsync("umum");
        var refused = await h.PressAsync("umum");
        var refusedId = h.Kiosk.Engine.TodayTickets().Single(t => t.Number == refused).Id;
        var loket = await Pages.LoketAsync(browser, h, 1);
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync(refused, Shows);

        // No bridge status yet: nothing BPJS on the page.
        await Assertions.Expect(loket.Locator("#bpjs-tunda")).ToBeHiddenAsync(Gone);
        Assert.Equal(0, await loket.Locator(".bpjs-ditolak:visible").CountAsync());

        var at = DateTimeOffset.Now.ToOffset(TimeSpan.FromHours(7));
        await PublishAsync(h, new BpjsBridgeStatus
        {
            At = at,
            Backlog = 3,
            OldestWaitingSince = at.AddMinutes(-30),
            BacklogText = Backlog,
            Refused = [new BpjsRefusedTicket(refusedId, refused, Reason), new BpjsRefusedTicket(Guid.NewGuid(), "A-099", "Kode poli tidak sesuai")],
            RefusedToday = 2,
        });

        // The line is on the refused ticket's row, not on the other's; the backlog line and the off-page refusal show.
        var refusedRow = loket.Locator("#daftar-tunggu tr", new() { HasText = refused });
        await Assertions.Expect(refusedRow.Locator(".bpjs-ditolak")).ToHaveTextAsync(Line, Seen);
        Assert.Equal(0, await loket.Locator("#daftar-tunggu tr", new() { HasText = fine }).Locator(".bpjs-ditolak").CountAsync());
        await Assertions.Expect(loket.Locator("#bpjs-tunda")).ToHaveTextAsync(Backlog, Seen);
        await Assertions.Expect(loket.Locator("#daftar-bpjs-lain")).ToHaveTextAsync("A-099: Laporan BPJS ditolak: Kode poli tidak sesuai", Seen);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(loket));

        // Now serving: the line follows the ticket to the counter.
        await loket.Keyboard.PressAsync("n");
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(fine, Seen);
        await Assertions.Expect(loket.Locator("#sekarang-bpjs")).ToBeHiddenAsync(Gone);
        await loket.Keyboard.PressAsync("d");
        await Assertions.Expect(loket.Locator("#sekarang-nomor")).ToHaveTextAsync(refused, Seen);
        await Assertions.Expect(loket.Locator("#sekarang-bpjs")).ToHaveTextAsync(Line, Seen);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(loket));

        // A malformed status is dropped with a log; the page keeps what it showed and goes on with the queue.
        await MosquittoClients.PublishAsync(h.Broker, h.Broker.For(BrokerRoles.Bpjs), Topics.BpjsStatus, "{\"backlog\":\"banyak\"", retain: true);
        await Eventually.TrueAsync(() => log.Dropped > 0, "the loket session logged the dropped status");
        var next = await h.PressAsync("umum");
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync(next, Shows);
        await Assertions.Expect(loket.Locator("#sekarang-bpjs")).ToHaveTextAsync(Line, Seen);

        // The all-clear: nothing BPJS on the page at all.
        await PublishAsync(h, new BpjsBridgeStatus { At = at, Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0 });
        await Assertions.Expect(loket.Locator("#sekarang-bpjs")).ToBeHiddenAsync(Gone);
        await Assertions.Expect(loket.Locator("#bpjs-tunda")).ToBeHiddenAsync(Gone);
        await Assertions.Expect(loket.Locator("#bpjs-lain")).ToBeHiddenAsync(Gone);
    }

    [SkippableFact]
    public async Task A_bridge_that_stopped_shows_one_line_in_place_of_the_backlog_with_the_time_seen_and_it_goes_when_the_bridge_is_back()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var refused = await h.PressAsync("umum");
        var refusedId = h.Kiosk.Engine.TodayTickets().Single(t => t.Number == refused).Id;
        var zone = h.Screens.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.ScreensOptions>>().Value.Zone();
        var loket = await Pages.LoketAsync(browser, h, 1);
        await Assertions.Expect(loket.Locator("#daftar-tunggu")).ToContainTextAsync(refused, Shows);

        var at = DateTimeOffset.Now.ToOffset(TimeSpan.FromHours(7));
        await PublishAsync(h, new BpjsBridgeStatus
        {
            At = at,
            Backlog = 3,
            OldestWaitingSince = at.AddMinutes(-30),
            BacklogText = Backlog,
            Refused = [new BpjsRefusedTicket(refusedId, refused, Reason)],
            RefusedToday = 1,
        });
        await Assertions.Expect(loket.Locator("#bpjs-tunda")).ToHaveTextAsync(Backlog, Seen);

        // The bridge dies: the broker publishes its last will (the bpjs user's retained "not running" status).
        var before = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        await PublishAsync(h, BpjsBridgeStatus.Offline(new DateTimeOffset(2026, 3, 2, 0, 5, 0, TimeSpan.Zero)));
        await Assertions.Expect(loket.Locator("#bpjs-tunda")).ToContainTextAsync("Jembatan BPJS tidak berjalan sejak ", Shows);
        var after = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var line = await loket.Locator("#bpjs-tunda").TextContentAsync();
        Assert.Contains(line, new[] { OfflineLine(before), OfflineLine(after) });
        Assert.DoesNotContain(Backlog, await loket.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(loket.Locator("#daftar-tunggu tr", new() { HasText = refused }).Locator(".bpjs-ditolak")).ToHaveTextAsync(Line, Seen);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(loket));

        // A loket that logs in now finds the will already there: the same line, without a time it cannot know.
        var late = await Pages.LoketAsync(browser, h, 2);
        await Assertions.Expect(late.Locator("#bpjs-tunda")).ToHaveTextAsync("Jembatan BPJS tidak berjalan: laporan antrean BPJS tertunda dan belum sampai ke BPJS. Hubungi teknisi.", Seen);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(late));

        // The bridge is back: its live status replaces the will, and the line is gone from both pages.
        await PublishAsync(h, new BpjsBridgeStatus { At = at, Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0 });
        await Assertions.Expect(loket.Locator("#bpjs-tunda")).ToBeHiddenAsync(Gone);
        await Assertions.Expect(late.Locator("#bpjs-tunda")).ToBeHiddenAsync(Gone);
    }

    private static string OfflineLine(DateTimeOffset seen) =>
        $"Jembatan BPJS tidak berjalan sejak {seen:HH}.{seen:mm}: laporan antrean BPJS tertunda dan belum sampai ke BPJS. Hubungi teknisi.";

    private static Task PublishAsync(ScreensHarness h, BpjsBridgeStatus status) =>
        MosquittoClients.PublishAsync(h.Broker, h.Broker.For(BrokerRoles.Bpjs), Topics.BpjsStatus, ContractJson.Serialize(status), retain: true);

    /// <summary>Counts the loket sessions' "dropped a BPJS bridge status" warnings.</summary>
    private sealed class DroppedStatusLog : ILoggerProvider
    {
        private int dropped;

        public int Dropped => Volatile.Read(ref dropped);

        public ILogger CreateLogger(string categoryName) => new Counting(this);

        public void Dispose()
        {
        }

        private sealed class Counting(DroppedStatusLog owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (formatter(state, exception).Contains("dropped a BPJS bridge status", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref owner.dropped);
                }
            }
        }
    }
}
