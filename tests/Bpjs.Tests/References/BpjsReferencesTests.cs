using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.References;
using Kiosk.Bpjs.Text;
using Kiosk.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.References;

/// <summary>The day's references on a real outbox file: fetched, kept across a restart offline, checked against the mapping, put into "tambah".</summary>
public sealed class BpjsReferencesTests : IDisposable
{
    private static readonly Dictionary<string, string> Mapping = new() { ["P-UMUM"] = "001", ["P-GIGI"] = "002" };
    private readonly string folder = Directory.CreateTempSubdirectory("bpjs-refs-").FullName;
    /// <summary>08.15 WIB on 2 March 2026 (given in UTC: the fake clock keeps UTC).</summary>
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 15, 0, TimeSpan.Zero));
    private readonly ListedReferensi bpjs = new();
    private readonly List<ReferenceStore> stores = [];

    public BpjsReferencesTests()
    {
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB"));
    }

    public void Dispose()
    {
        stores.ForEach(s => s.Dispose());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_list_fetched_once_is_there_after_a_restart_without_internet()
    {
        var first = References();
        Assert.Empty(await first.CheckAtStartAsync(CancellationToken.None));
        Assert.Equal(new DateOnly(2026, 3, 2), first.FetchedDay);

        // The next morning the internet is out: the restarted bridge checks against yesterday's list and uses it.
        bpjs.Down = true;
        time.Advance(TimeSpan.FromDays(1));
        var restarted = References();
        Assert.Empty(await restarted.CheckAtStartAsync(CancellationToken.None));
        Assert.Null(restarted.FetchedDay);
        Assert.Equal(new DateOnly(2026, 3, 2), restarted.Current!.Day);
        Assert.Equal("dr. Sari Wulandari", restarted.Fill(Tambah("001")).NamaDokter);
    }

    [Fact]
    public async Task A_service_mapped_to_a_poli_BPJS_does_not_list_is_one_Indonesian_line_naming_both()
    {
        var references = References(new Dictionary<string, string> { ["P-UMUM"] = "001", ["P-KIA"] = "009" });
        var problems = await references.CheckAtStartAsync(CancellationToken.None);
        var line = Assert.Single(problems);
        Assert.Equal(BpjsTeks.PoliNotListed("P-KIA", "009"), line);
        Assert.Contains("P-KIA", line, StringComparison.Ordinal);
        Assert.Contains("009", line, StringComparison.Ordinal);
        Assert.Contains("Bpjs__PoliMap", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_with_nothing_kept_the_bridge_starts_and_says_so()
    {
        bpjs.Down = true;
        var log = new JournalLogger<BpjsReferences>();
        var references = References(log: log);
        Assert.Empty(await references.CheckAtStartAsync(CancellationToken.None));
        Assert.Null(references.Current);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("starts anyway", StringComparison.Ordinal));
        // Nothing known: tambah goes as the mapper made it.
        Assert.Equal(Tambah("001"), references.Fill(Tambah("001")));
    }

    [Fact]
    public async Task Tambah_gets_the_poli_name_and_the_days_first_doctor_and_no_doctor_when_none_is_scheduled()
    {
        var references = References();
        await references.CheckAtStartAsync(CancellationToken.None);

        var umum = references.Fill(Tambah("001"));
        Assert.Equal(("UMUM", 101, "dr. Sari Wulandari", "08:00-14:00"), (umum.NamaPoli, umum.KodeDokter, umum.NamaDokter, umum.JamPraktek));
        var gigi = references.Fill(Tambah("002"));
        Assert.Equal(("GIGI & MULUT", 0, "", ""), (gigi.NamaPoli, gigi.KodeDokter, gigi.NamaDokter, gigi.JamPraktek));
    }

    [Fact]
    public async Task Offline_at_start_the_refresher_retries_on_the_schedule_checks_when_the_list_comes_and_fetches_again_after_midnight()
    {
        bpjs.Down = true;
        var log = new JournalLogger<ReferenceRefresher>();
        var references = References(new Dictionary<string, string> { ["P-UMUM"] = "001", ["P-KIA"] = "009" });
        using var refresher = new ReferenceRefresher(references, new RetrySchedule(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)), time, log);
        await refresher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => bpjs.PoliCalls >= 1, "the refresher asked BPJS at start");
            // Each failure waits on the schedule (5 s doubling, each wait at least its half): the third try comes only
            // after 2.5 s + 5 s of the clock at the least, never on every tick.
            var start = time.GetUtcNow();
            while (bpjs.PoliCalls < 3)
            {
                Assert.True(time.GetUtcNow() - start < TimeSpan.FromMinutes(2), "the refresher tries again within two minutes");
                time.Advance(TimeSpan.FromMilliseconds(500));
                await Task.Delay(10);
            }

            Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(7.5), $"three tries took {(time.GetUtcNow() - start).TotalSeconds} s of the clock");
            Assert.Null(references.Current);

            bpjs.Down = false;
            await Until(() => references.FetchedDay == new DateOnly(2026, 3, 2), "the list arrived once BPJS answered");
            await Eventually.TrueAsync(
                () => log.Lines.Any(l => l.Level == LogLevel.Critical && l.Message == BpjsTeks.PoliNotListed("P-KIA", "009")),
                "the mapping problem is logged as critical when the list arrives");

            // Once a day: the rest of the day asks nothing; after the site's midnight (WIB) the next day's list is fetched.
            var calls = bpjs.PoliCalls;
            time.Advance(TimeSpan.FromHours(15));
            await Task.Delay(50);
            Assert.Equal(calls, bpjs.PoliCalls);
            time.Advance(TimeSpan.FromHours(1));
            await Eventually.TrueAsync(() => references.FetchedDay == new DateOnly(2026, 3, 3), "the next day's list is fetched after midnight");
        }
        finally
        {
            await refresher.StopAsync(CancellationToken.None);
        }
    }

    private async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(20);
        }
    }

    private BpjsReferences References(Dictionary<string, string>? mapping = null, ILogger<BpjsReferences>? log = null)
    {
        var store = ReferenceStore.Open(Path.Combine(folder, "bpjs-outbox.db"));
        stores.Add(store);
        return new BpjsReferences(bpjs, store, mapping ?? Mapping, time, log ?? NullLogger<BpjsReferences>.Instance);
    }

    private static TambahAntrean Tambah(string kodePoli) => new()
    {
        NomorKartu = "0001234567890",
        Nik = string.Empty,
        NoHp = string.Empty,
        KodePoli = kodePoli,
        NamaPoli = string.Empty,
        NoRm = string.Empty,
        TanggalPeriksa = "2026-03-02",
        KodeDokter = 0,
        NamaDokter = string.Empty,
        JamPraktek = string.Empty,
        NomorAntrean = "B-001",
        AngkaAntrean = 1,
        Keterangan = BpjsTeks.Keterangan,
    };
}
