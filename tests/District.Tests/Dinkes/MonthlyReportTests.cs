using System.Net;
using System.Text;
using Kiosk.District.Dinkes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Kiosk.District.Tests.Dinkes;

public sealed class MonthlyReportTests(DinkesDatabase postgres) : IClassFixture<DinkesDatabase>
{
    private static readonly DateOnly November = new(2026, 11, 12);

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 12, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// Kubu's UMUM in November: waits 4, 10, 2, 6 minutes (median 5, p90 8.8), service 6 and 2 minutes for the two
    /// served (median 4, p90 5.6), two of four calls within the 5-minute target, one no-show, one sent on to a poli, a
    /// voided ticket that is no visit, and a December ticket that is not November's.
    /// </summary>
    private static async Task SeedAsync(NpgsqlDataSource database)
    {
        var seed = new DinkesSeed(database);
        await seed.SiteAsync("pkm-kubu", "Puskesmas Kubu; Kab. \"Raya\"");
        await seed.TicketAsync("pkm-kubu", November, "UMUM", "served", At(1, 0), At(1, 4), At(1, 4), At(1, 10), "baru", "bpjs");
        await seed.TicketAsync("pkm-kubu", November, "UMUM", "served", At(1, 0), At(1, 10), At(1, 10), At(1, 12), "lama", "bpjs");
        await seed.TicketAsync("pkm-kubu", November, "UMUM", "no-show", At(1, 0), At(1, 2), At(1, 20), null, "lama", "umum");
        await seed.TicketAsync("pkm-kubu", November, "UMUM", "transferred", At(1, 0), At(1, 6), At(1, 6), At(1, 9), "baru", "umum", Guid.NewGuid());
        await seed.TicketAsync("pkm-kubu", November, "UMUM", "voided", At(1, 0), category: "lama", payer: "bpjs");
        await seed.TicketAsync("pkm-kubu", new DateOnly(2026, 12, 1), "UMUM", "served", At(2, 0), At(2, 1), At(2, 1), At(2, 3));
        await seed.TicketAsync("pkm-kubu", November, "P-GIGI", "waiting", At(3, 0), category: "unknown", payer: "unknown");
    }

    [SkippableFact]
    public async Task The_month_per_Puskesmas_and_service_has_visits_splits_percentiles_SOP_share_no_shows_and_transfers()
    {
        var (_, database) = await postgres.CreateAsync();
        await using var _database = database;
        await SeedAsync(database);
        var rows = await new MonthlyReport(database, Options.Create(new DinkesOptions())).ReadAsync(new DateOnly(2026, 11, 1), CancellationToken.None);

        Assert.Equal(["P-GIGI", "UMUM"], rows.Select(r => r.ServiceCode));
        var umum = rows[1];
        Assert.Equal((4L, 2L, 2L, 2L, 2L), (umum.Visits, umum.New, umum.Returning, umum.Bpjs, umum.Umum));
        Assert.Equal(5.0, umum.MedianWaitMinutes!.Value, 6);
        Assert.Equal(8.8, umum.P90WaitMinutes!.Value, 6);
        Assert.Equal(4.0, umum.MedianServiceMinutes!.Value, 6);
        Assert.Equal(5.6, umum.P90ServiceMinutes!.Value, 6);
        Assert.Equal(5, umum.TargetMinutes);
        Assert.Equal(0.5, umum.WithinTargetShare!.Value, 6);
        Assert.Equal((1L, 1L), (umum.NoShows, umum.TransfersToPoli));

        var gigi = rows[0];
        Assert.Equal((1L, 0L, 0L, 0L, 0L), (gigi.Visits, gigi.New, gigi.Returning, gigi.Bpjs, gigi.Umum));
        Assert.Null(gigi.MedianWaitMinutes);
        Assert.Null(gigi.WithinTargetShare);

        Assert.Empty(await new MonthlyReport(database, Options.Create(new DinkesOptions())).ReadAsync(new DateOnly(2026, 10, 1), CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_CSV_opens_in_Indonesian_Excel_BOM_semicolons_decimal_comma_Indonesian_headers()
    {
        var (connection, database) = await postgres.CreateAsync();
        await using var _database = database;
        await SeedAsync(database);
        await using var host = await DinkesHost.StartAsync(connection, new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero)));
        await host.AddUserAsync("siti", "kata-sandi-rahasia");
        Assert.Equal(HttpStatusCode.Redirect, (await host.LoginAsync("siti", "kata-sandi-rahasia")).StatusCode);

        using var response = await host.Client.GetAsync("/dinkes/laporan.csv?bulan=2026-11");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("laporan-antrean-2026-11.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(string.Join(';', ReportCsv.Headers), lines[0]);
        Assert.StartsWith("Puskesmas;Kode Puskesmas;Layanan;Kunjungan;Pasien baru;Pasien lama;BPJS;Umum;Median waktu tunggu (menit)", lines[0], StringComparison.Ordinal);
        Assert.Equal("\"Puskesmas Kubu; Kab. \"\"Raya\"\"\";pkm-kubu;P-GIGI;1;0;0;0;0;;;;;20;;0;0", lines[1]);
        Assert.Equal("\"Puskesmas Kubu; Kab. \"\"Raya\"\"\";pkm-kubu;UMUM;4;2;2;2;2;5,0;8,8;4,0;5,6;5;50,0;1;1", lines[2]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(string.Empty, lines[3]);

        var page = await host.Client.GetStringAsync("/dinkes/laporan?bulan=2026-11");
        Assert.Contains("Laporan bulanan November 2026", page, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"P90 waktu tunggu (menit)\">8,8</td>", page, StringComparison.Ordinal);
    }
}
