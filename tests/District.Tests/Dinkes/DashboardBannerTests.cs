using System.Net;
using Kiosk.District.Dinkes;
using Kiosk.District.Health;
using Kiosk.District.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.District.Tests.Dinkes;

/// <summary>
/// The dashboard shows the service's own operator banners (<see cref="DistrictHealth.Banners"/>) at the top, beside
/// the one it shows when its own query fails, and one banner per outage. The outages are reported to the host's
/// <see cref="DistrictHealth"/> the way the ingest reports them: every host of this run shares one quiet NATS cluster,
/// so a message published to make this host's ingest fail would land in the other tests' databases too.
/// </summary>
public sealed class DashboardBannerTests(DinkesDatabase postgres) : IClassFixture<DinkesDatabase>
{
    private const string Password = "kata-sandi-rahasia";

    private const string DatabaseWords = "Basis data tidak dapat dihubungi";

    private const string BannerMarkup = "<p class=\"banner\" role=\"alert\">";

    [SkippableFact]
    public async Task The_services_banners_stand_at_the_top_of_the_dashboard()
    {
        var (connection, database) = await postgres.CreateAsync();
        await DashboardSeed.WriteAsync(database);
        await database.DisposeAsync();
        await using var host = await DinkesHost.StartAsync(connection, new FakeTimeProvider(DashboardSeed.Now));
        await host.AddUserAsync("siti", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await host.LoginAsync("siti", Password)).StatusCode);
        var health = host.App.Services.GetRequiredService<DistrictHealth>();

        var calm = await PageAsync(host);
        Assert.Equal(HttpStatusCode.OK, calm.Status);
        Assert.Equal(0, Count(calm.Html, BannerMarkup));

        // The ingest cannot write (the dashboard's reads still work) and the cluster is gone.
        health.DatabaseFailed(new TimeoutException("test"));
        health.ClusterFailed(null);
        var banners = health.Banners;
        Assert.Equal(2, banners.Count);

        var page = await PageAsync(host);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, Count(page.Html, BannerMarkup));
        Assert.Contains(BannerMarkup + DinkesHtml.E(banners[0]), page.Html, StringComparison.Ordinal);
        Assert.Contains(BannerMarkup + DinkesHtml.E(banners[1]), page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(DinkesHtml.E(DinkesWords.DatabaseUnreachable), page.Html, StringComparison.Ordinal);
        Assert.True(page.Html.IndexOf(BannerMarkup, StringComparison.Ordinal) < page.Html.IndexOf("judul-peringatan", StringComparison.Ordinal), "the banners stand above the alerts");
    }

    [SkippableFact]
    public async Task A_database_outage_seen_by_the_page_and_the_ingest_is_one_banner_beside_the_clusters()
    {
        Skip.If(Kiosk.District.Local.PrivatePostgres.FindBinaries() is null, DinkesDatabase.NotInstalled);

        // A private server of its own: stopping the fixture's would take the other tests' databases with it.
        await using var server = await Kiosk.District.Local.PrivatePostgres.StartAsync();
        var own = await server.CreateDatabaseAsync("dinkes_banner");
        await using (var seeded = Npgsql.NpgsqlDataSource.Create(own))
        {
            await Kiosk.District.Storage.DistrictMigrations.MigrateAsync(seeded, CancellationToken.None);
            await DashboardSeed.WriteAsync(seeded);
        }

        await using var host = await DinkesHost.StartAsync(own, new FakeTimeProvider(DashboardSeed.Now));
        await host.AddUserAsync("siti", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await host.LoginAsync("siti", Password)).StatusCode);
        var health = host.App.Services.GetRequiredService<DistrictHealth>();

        await server.StopAsync();
        health.DatabaseFailed(new TimeoutException("test"));
        health.ClusterFailed(null);
        var cluster = health.Banners[^1];

        var page = await PageAsync(host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal(2, Count(page.Html, BannerMarkup));
        Assert.Equal(1, Count(page.Html, DatabaseWords));
        Assert.Contains(BannerMarkup + DinkesHtml.E(DinkesWords.DatabaseUnreachable), page.Html, StringComparison.Ordinal);
        Assert.Contains(BannerMarkup + DinkesHtml.E(cluster), page.Html, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Html)> PageAsync(DinkesHost host)
    {
        using var response = await host.Client.GetAsync("/dinkes");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
