using System.Globalization;
using Kiosk.Broker;
using Kiosk.District.Dinkes;
using Kiosk.District.Hosting;
using Kiosk.District.Local;
using Kiosk.Kabupaten;
using Kiosk.Simulator.District;
using Kiosk.Simulator.Scenarios;
using Kiosk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Kiosk.District.Tests.EndToEnd;

/// <summary>
/// Two Puskesmas play their day through the real tier: each kiosk on simulated hardware with its lokets over its own
/// Mosquitto, its district link, the three-node cluster over TLS, the district service and PostgreSQL. During the day
/// one NATS node is SIGKILLed and one site's link loses its TCP connection without a close (a dead WAN line).
/// </summary>
[Collection(EndToEndCollectionDefinition.Name)]
public sealed class RushDayTests
{
    private static readonly TimeSpan DayBound = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ArrivalBound = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Both_days_arrive_once_in_order_through_a_node_kill_and_a_cut_link_and_the_report_equals_the_kiosk_recap()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, "nats-server is not installed (./kiosk.sh test installs it).");
        Skip.If(PrivatePostgres.FindBinaries() is null, "PostgreSQL is not installed (./kiosk.sh test installs it).");
        Skip.IfNot(File.Exists("/usr/sbin/mosquitto") || File.Exists("/usr/bin/mosquitto"), "mosquitto is not installed");

        var plan = Bangkalan.Plan(2, "hari-biasa");
        var (cutSite, steadySite) = (plan[0], plan[1]);
        await using var nats = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Tls = true, Sites = [.. plan.Select(p => p.Id)] });
        await using var postgres = await PrivatePostgres.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("district_rush");
        await using var database = NpgsqlDataSource.Create(connectionString);

        // The district's clock is a fake one: "terputus sejak" is judged by it, moved on by the test.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var district = DistrictHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(nats.DistrictServiceSettings(connectionString));
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPorts.Take()}"));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<TimeProvider>(clock);
        });
        await district.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var folder = Directory.CreateTempSubdirectory("district-rush-").FullName;
        try
        {
            // The cut site reaches the cluster only through a proxy in front of node 0; node 2 is the one killed.
            var node0 = new Uri(nats.ClientUrls[0]);
            await using var line = TcpCutProxy.Start(node0.Host, node0.Port);
            var cutUrl = string.Create(CultureInfo.InvariantCulture, $"tls://{TcpCutProxy.Host}:{line.Port}");
            await using var cut = await StartSiteAsync(cutSite, [cutUrl], nats, folder);
            await using var steady = await StartSiteAsync(steadySite, nats.ClientUrls, nats, folder);

            await Eventually.TrueAsync(() => Rows(database, cutSite.Id) > 0, "the first events of the site whose line is cut later", ArrivalBound);
            line.Cut();
            nats.Kill(2);

            var reports = await Task.WhenAll(cut.Day, steady.Day).WaitAsync(DayBound);
            var (cutReport, steadyReport) = (reports[0], reports[1]);

            // Neither kiosk nor its lokets noticed: every invariant of the day held on the site's own broker.
            Assert.Empty(cutReport.BrokenInvariants);
            Assert.Empty(steadyReport.BrokenInvariants);

            // With two nodes of three up, the steady site's whole day is in the district.
            await Eventually.TrueAsync(() => Rows(database, steadySite.Id) >= steadyReport.EventsCommitted,
                $"{steadySite.Id}: its {steadyReport.EventsCommitted} events with node 2 down", ArrivalBound);

            // The cut site's day waits in its Mosquitto session; the dashboard says since when the line is quiet.
            Assert.True(Rows(database, cutSite.Id) < cutReport.EventsCommitted, "the cut line let the whole day through");
            clock.Advance(TimeSpan.FromMinutes(10));
            var view = await district.Services.GetRequiredService<DashboardReader>().ReadAsync(CancellationToken.None);
            var row = Assert.Single(view.Sites, s => s.Site == cutSite.Id);
            Assert.True(row.Link is { Cut: true }, $"{cutSite.Id}: the link is not shown as cut");
            Assert.Contains(view.Alerts, a => a.Kind == AlertKind.LinkCut && a.Site == cutSite.Id && a.Text.Contains("terputus sejak", StringComparison.Ordinal));

            await nats.RestartAsync(2);
            line.Restore();
            await Eventually.TrueAsync(() => Rows(database, cutSite.Id) >= cutReport.EventsCommitted,
                $"{cutSite.Id}: its {cutReport.EventsCommitted} events once the line is back", ArrivalBound);

            foreach (var (site, report) in new[] { (cutSite.Id, cutReport), (steadySite.Id, steadyReport) })
            {
                AssertOnceInOrder(database, site, report.EventsCommitted);
                await AssertReportEqualsRecapAsync(district, site, report);
            }
        }
        finally
        {
            await district.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await district.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<SimulatedPuskesmas> StartSiteAsync(KabupatenSite plan, IReadOnlyList<string> urls, PrivateNatsCluster nats, string folder)
    {
        var day = Scenario.Load(Scenario.Resolve(plan.Scenario));
        day.Seed = plan.Seed;
        var credentials = nats.SiteCredentials(plan.Id);
        var data = Directory.CreateDirectory(Path.Combine(folder, plan.Id)).FullName;
        return SimulatedPuskesmas.StartAsync(new SimulatedPuskesmasOptions
        {
            Site = plan.Id,
            Name = plan.Name,
            Day = day,
            DataDirectory = data,
            District = new SiteLinkSettings(urls, credentials.User, credentials.Password, nats.CaFile),
        }, CancellationToken.None);
    }

    private static long Rows(NpgsqlDataSource database, string site) => Scalar(database, "SELECT count(*) FROM events WHERE site = $1", site);

    /// <summary>Each sequence 1..N once, committed in sequence order (a row committed later never has a lower sequence).</summary>
    private static void AssertOnceInOrder(NpgsqlDataSource database, string site, int committed)
    {
        Assert.Equal(committed, Scalar(database, "SELECT count(*) FROM events WHERE site = $1", site));
        Assert.Equal(committed, Scalar(database, "SELECT count(DISTINCT sequence) FROM events WHERE site = $1", site));
        Assert.Equal(1, Scalar(database, "SELECT min(sequence) FROM events WHERE site = $1", site));
        Assert.Equal(committed, Scalar(database, "SELECT max(sequence) FROM events WHERE site = $1", site));
        Assert.Equal(0, Scalar(database, """
            SELECT count(*) FROM (SELECT sequence, lag(sequence) OVER (ORDER BY id) AS before FROM events WHERE site = $1) x
            WHERE before IS NOT NULL AND sequence < before
            """, site));
    }

    /// <summary>The Dinkes monthly report's figures for the site against the kiosk's own recap of the day.</summary>
    private static async Task AssertReportEqualsRecapAsync(WebApplication district, string site, ScenarioReport report)
    {
        var month = new DateOnly(report.Recap.BusinessDay.Year, report.Recap.BusinessDay.Month, 1);
        var rows = (await district.Services.GetRequiredService<MonthlyReport>().ReadAsync(month, CancellationToken.None)).Where(r => r.Site == site).ToList();
        var recap = report.Recap;
        Assert.Equal(recap.Services.Sum(s => s.Issued) - recap.Voided, rows.Sum(r => r.Visits));
        Assert.Equal(recap.NoShow, rows.Sum(r => r.NoShows));
        Assert.Equal(recap.Transferred, rows.Sum(r => r.TransfersToPoli));
        foreach (var service in recap.Services.Where(s => s.Issued > 0))
        {
            var row = rows.SingleOrDefault(r => r.ServiceCode == service.Code);
            Assert.True(row is not null, $"{site}: no report line for {service.Code}");
            Assert.Equal((service.Code, service.NoShow, service.Transferred), (row.ServiceCode, (int)row.NoShows, (int)row.TransfersToPoli));
        }
    }

    private static long Scalar(NpgsqlDataSource database, string sql, string site)
    {
        try
        {
            using var command = database.CreateCommand(sql);
            command.Parameters.AddWithValue(site);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The service has not made its tables yet.
            return 0;
        }
    }
}
