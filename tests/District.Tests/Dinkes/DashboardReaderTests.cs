using Kiosk.Contract;
using Kiosk.District.Configuration;
using Kiosk.District.Dinkes;
using Kiosk.District.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Kiosk.District.Tests.Dinkes;

public sealed class DashboardReaderTests(DinkesDatabase postgres) : IClassFixture<DinkesDatabase>
{
    private static DashboardReader Reader(NpgsqlDataSource database, TimeProvider time) =>
        new(database, time, Options.Create(new DinkesOptions()), new DistrictHealth(time, Options.Create(new DistrictOptions()), NullLogger<DistrictHealth>.Instance), NullLogger<DashboardReader>.Instance);

    [SkippableFact]
    public async Task A_seeded_morning_gives_each_Puskesmas_its_figures_and_the_alerts_in_harm_order()
    {
        var (_, database) = await postgres.CreateAsync();
        await using var _database = database;
        await DashboardSeed.WriteAsync(database);
        var view = await Reader(database, new FakeTimeProvider(DashboardSeed.Now)).ReadAsync(CancellationToken.None);

        Assert.True(view.DatabaseReachable);
        Assert.Equal(DashboardSeed.Day, view.BusinessDay);
        Assert.Equal(["Puskesmas Kokop", "Puskesmas Kubu", "Puskesmas Letung", "Puskesmas Rasau Jaya"], view.Sites.Select(s => s.Name));

        var kubu = view.Sites.Single(s => s.Site == "pkm-kubu");
        Assert.True(kubu.OpenToday);
        Assert.Equal(4, kubu.WaitingTotal);
        Assert.Equal([("BPJS", 1), ("UMUM", 3)], kubu.Waiting.Select(w => (w.ServiceCode, w.Count)));
        Assert.Equal(new ServiceWaiting("UMUM", 3, TimeSpan.FromMinutes(30), 5), kubu.Longest);
        Assert.True(kubu.Longest!.OverTarget);
        Assert.Equal(2, kubu.CallsLastHour);
        Assert.Equal(new KioskRow("kiosk-1", KioskState.Online, DashboardSeed.At(2, 40), PrinterCondition.PaperOut, 0), Assert.Single(kubu.Kiosks));
        Assert.Equal(20, kubu.Link!.Backlog);
        Assert.False(kubu.Link.Cut);

        var rasau = view.Sites.Single(s => s.Site == "pkm-rasau");
        Assert.True(rasau.OpenToday);
        Assert.Equal(0, rasau.WaitingTotal);
        Assert.Null(rasau.Longest);
        Assert.Equal(KioskState.Stale, Assert.Single(rasau.Kiosks).State);
        Assert.True(rasau.Link!.Cut);
        Assert.Equal(5, rasau.Link.Backlog);

        var letung = view.Sites.Single(s => s.Site == "pkm-letung");
        Assert.False(letung.OpenToday);
        Assert.Equal(new KioskRow("kiosk-1", KioskState.Offline, DashboardSeed.At(1, 0), PrinterCondition.Unknown, 0), Assert.Single(letung.Kiosks));
        Assert.Null(letung.Link);

        var kokop = view.Sites.Single(s => s.Site == "pkm-kokop");
        Assert.Equal(new ServiceWaiting("P-GIGI", 2, TimeSpan.FromMinutes(15), 20), kokop.Longest);
        Assert.False(kokop.Longest!.OverTarget);
        Assert.Equal([KioskState.Offline, KioskState.Online], kokop.Kiosks.Select(k => k.State));

        Assert.Equal(
            [
                (AlertKind.CannotPrintWithWaiting, "pkm-kubu"),
                (AlertKind.CannotPrintWithWaiting, "pkm-kokop"),
                (AlertKind.LinkCut, "pkm-rasau"),
                (AlertKind.StaleKiosk, "pkm-rasau"),
                (AlertKind.PaperLow, "pkm-kokop"),
                (AlertKind.LongWait, "pkm-kubu"),
            ],
            view.Alerts.Select(a => (a.Kind, a.Site)));
        Assert.Equal("Puskesmas Kubu: kertas habis di kiosk-1 sejak 09.40, 4 pasien menunggu. Minta petugas mengganti gulungan kertas.", view.Alerts[0].Text);
        Assert.Equal("Puskesmas Kokop: kiosk-1 mati sejak 09.30, 2 pasien menunggu. Minta petugas menyalakan kiosk dan memeriksa jaringannya.", view.Alerts[1].Text);
        Assert.StartsWith("Puskesmas Rasau Jaya: sambungan ke Dinkes terputus sejak 09.50, 5 catatan belum terkirim.", view.Alerts[2].Text, StringComparison.Ordinal);
        Assert.Contains("menunggu 30 menit, target SOP 5 menit", view.Alerts[5].Text, StringComparison.Ordinal);

        var html = DashboardHtml.Render(view, new DinkesOptions().Zone());
        Assert.Contains("Terputus sejak 09.50, 5 catatan belum terkirim", html, StringComparison.Ordinal);
        Assert.Contains("kiosk-1: Kertas habis", html, StringComparison.Ordinal);
        Assert.Contains("UMUM 30 menit (target 5 menit, lewat)", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_link_and_the_kiosk_turn_stale_as_the_clock_runs_without_new_rows()
    {
        var (_, database) = await postgres.CreateAsync();
        await using var _database = database;
        await DashboardSeed.WriteAsync(database);
        var time = new FakeTimeProvider(DashboardSeed.Now);
        var reader = Reader(database, time);
        var kubu = (await reader.ReadAsync(CancellationToken.None)).Sites.Single(s => s.Site == "pkm-kubu");
        Assert.Equal(KioskState.Online, kubu.Kiosks[0].State);

        // Two heartbeats (60 s) after the kiosk's 02:59:30 status, and 20 s after the link's 02:59:55 heartbeat: still fresh.
        time.Advance(TimeSpan.FromSeconds(15));
        kubu = (await reader.ReadAsync(CancellationToken.None)).Sites.Single(s => s.Site == "pkm-kubu");
        Assert.Equal(KioskState.Online, kubu.Kiosks[0].State);
        Assert.False(kubu.Link!.Cut);

        time.Advance(TimeSpan.FromSeconds(16));
        kubu = (await reader.ReadAsync(CancellationToken.None)).Sites.Single(s => s.Site == "pkm-kubu");
        Assert.Equal(KioskState.Stale, kubu.Kiosks[0].State);
        Assert.True(kubu.Link!.Cut);
    }

    [SkippableFact]
    public async Task A_database_that_refuses_connections_gives_the_banner_not_an_exception()
    {
        Skip.If(Kiosk.District.Local.PrivatePostgres.FindBinaries() is null, DinkesDatabase.NotInstalled);
        var folder = Directory.CreateTempSubdirectory("kpg-none-").FullName;
        try
        {
            await using var nowhere = NpgsqlDataSource.Create($"Host={folder};Database=none;Username=postgres;Timeout=3");
            var view = await Reader(nowhere, new FakeTimeProvider(DashboardSeed.Now)).ReadAsync(CancellationToken.None);
            Assert.False(view.DatabaseReachable);
            Assert.Contains("Basis data tidak dapat dihubungi", DashboardHtml.Render(view, TimeZoneInfo.Utc), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
