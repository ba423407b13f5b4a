using System.Net;
using Kiosk.District.Dinkes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Kiosk.District.Text;

namespace Kiosk.District.Tests.Dinkes;

public sealed class DinkesLoginTests(DinkesDatabase postgres) : IClassFixture<DinkesDatabase>
{
    private const string Password = "kata-sandi-rahasia";

    private async Task<DinkesHost> HostAsync(FakeTimeProvider? time = null)
    {
        var (connection, database) = await postgres.CreateAsync();
        await DashboardSeed.WriteAsync(database);
        await database.DisposeAsync();
        var host = await DinkesHost.StartAsync(connection, time ?? new FakeTimeProvider(DashboardSeed.Now));
        await host.AddUserAsync("siti", Password, "Siti Rahma");
        return host;
    }

    [SkippableFact]
    public async Task The_right_password_opens_the_dashboard_and_a_wrong_one_is_refused_in_Indonesian()
    {
        await using var host = await HostAsync();
        using (var before = await host.Client.GetAsync("/dinkes"))
        {
            Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
            Assert.Equal("/dinkes/masuk", before.Headers.Location!.AbsolutePath);
        }

        using (var wrong = await host.LoginAsync("siti", "salah-sekali-bukan-ini"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains(DinkesHtml.E(DinkesWords.LoginRefused), await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var nobody = await host.LoginAsync("tidak-ada", Password))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        }

        using (var right = await host.LoginAsync("Siti", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal("/dinkes", right.Headers.Location!.OriginalString);
        }

        var page = await host.Client.GetStringAsync("/dinkes");
        Assert.Contains("Siti Rahma", page, StringComparison.Ordinal);
        Assert.Contains("Puskesmas Kubu: kertas habis di kiosk-1 sejak 09.40", page, StringComparison.Ordinal);

        var stored = await host.App.Services.GetRequiredService<DinkesUsers>().ListAsync(CancellationToken.None);
        Assert.Equal("siti", Assert.Single(stored).User.UserName);
    }

    [SkippableFact]
    public async Task Wrong_passwords_lock_the_user_then_even_the_right_one_waits_until_the_lock_ends()
    {
        var time = new FakeTimeProvider(DashboardSeed.Now);
        await using var host = await HostAsync(time);
        for (var i = 0; i < DinkesLoginThrottle.FreeFailures; i++)
        {
            using var wrong = await host.LoginAsync("siti", $"salah-{i}-bukan-ini");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var locked = await host.LoginAsync("siti", Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Equal("1", locked.Headers.RetryAfter!.ToString());
            Assert.Contains(DinkesHtml.E(DinkesWords.TooManyAttempts(1)), await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        time.Advance(DinkesLoginThrottle.FirstLock);
        using var right = await host.LoginAsync("siti", Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [SkippableFact]
    public async Task A_login_without_its_form_token_is_refused_with_a_sentence()
    {
        await using var host = await HostAsync();
        using var forged = await host.Client.PostAsync("/dinkes/masuk", new FormUrlEncodedContent(new Dictionary<string, string> { ["pengguna"] = "siti", ["sandi"] = Password }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains(DinkesHtml.E(DinkesWords.LoginFormExpired), await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var json = await host.Client.PostAsync("/dinkes/masuk", new StringContent("{\"pengguna\":\"siti\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
    }

    [SkippableFact]
    public async Task A_forged_session_cookie_leads_to_the_login_page_saying_the_session_is_not_valid()
    {
        await using var host = await HostAsync();
        host.Cookies.Add(new Uri(host.Address), new Cookie(DinkesEndpoints.SessionCookie, "CfDJ8palsu-bukan-tiket-asli") { Path = "/dinkes" });
        using var page = await host.Client.GetAsync("/dinkes/laporan");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var login = page.Headers.Location!.OriginalString;
        Assert.Contains("sesi=0", login, StringComparison.Ordinal);
        Assert.Contains(DinkesHtml.E(DinkesWords.SessionInvalid), await host.Client.GetStringAsync(login), StringComparison.Ordinal);

        using var stream = await host.Client.GetAsync(DinkesEndpoints.StreamPath);
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
    }

    [SkippableTheory]
    [InlineData("/dinkes/puskesmas/pkm%20kubu%3Cscript%3E", HttpStatusCode.NotFound, DinkesWords.UnknownSite)]
    [InlineData("/dinkes/puskesmas/pkm-tidak-ada", HttpStatusCode.NotFound, DinkesWords.UnknownSite)]
    [InlineData("/dinkes/puskesmas/..%2F..%2Fetc", HttpStatusCode.NotFound, DinkesWords.UnknownSite)]
    [InlineData("/dinkes/laporan?bulan=2026-13", HttpStatusCode.BadRequest, DinkesWords.BadMonth)]
    [InlineData("/dinkes/laporan?bulan=desember", HttpStatusCode.BadRequest, DinkesWords.BadMonth)]
    [InlineData("/dinkes/laporan.csv?bulan=2026-1", HttpStatusCode.BadRequest, DinkesWords.BadMonth)]
    [InlineData("/dinkes/tidak-ada", HttpStatusCode.NotFound, DinkesWords.NotFound)]
    [InlineData("/dinkes/berkas/..%2Fdinkes.css", HttpStatusCode.NotFound, DinkesWords.NotFound)]
    public async Task Bad_input_in_the_address_gets_an_Indonesian_page(string path, HttpStatusCode status, string message)
    {
        await using var host = await HostAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await host.LoginAsync("siti", Password)).StatusCode);
        using var response = await host.Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(DinkesHtml.E(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_Puskesmas_page_shows_today_per_hour_and_what_still_holds()
    {
        await using var host = await HostAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await host.LoginAsync("siti", Password)).StatusCode);
        var page = await host.Client.GetStringAsync("/dinkes/puskesmas/pkm-kubu");
        Assert.Contains("<h1>Puskesmas Kubu</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">09.00", page, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Dipanggil\">2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<time>07.00</time> Hari layanan dibuka", page, StringComparison.Ordinal);
        Assert.Contains("<time>09.40</time> Kiosk-1: kertas habis (masih berlangsung)", page, StringComparison.Ordinal);
        Assert.Contains("Sambungan ke Dinkes terputus", await host.Client.GetStringAsync("/dinkes/puskesmas/pkm-rasau"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_database_that_stops_answering_shows_the_banner_instead_of_an_error()
    {
        Skip.If(Kiosk.District.Local.PrivatePostgres.FindBinaries() is null, DinkesDatabase.NotInstalled);
        await using var server = await Kiosk.District.Local.PrivatePostgres.StartAsync();
        var connection = await server.CreateDatabaseAsync("dinkes_down");
        await using (var database = Npgsql.NpgsqlDataSource.Create(connection))
        {
            await Kiosk.District.Storage.DistrictMigrations.MigrateAsync(database, CancellationToken.None);
            await DashboardSeed.WriteAsync(database);
        }

        await using var host = await DinkesHost.StartAsync(connection, new FakeTimeProvider(DashboardSeed.Now));
        await host.AddUserAsync("siti", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await host.LoginAsync("siti", Password)).StatusCode);
        await server.StopAsync();

        using var page = await host.Client.GetAsync("/dinkes");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Basis data tidak dapat dihubungi", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var report = await host.Client.GetAsync("/dinkes/laporan");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Contains("Basis data tidak dapat dihubungi", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var login = await host.LoginAsync("siti", Password);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
    }
}
