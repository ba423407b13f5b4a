using System.Net;
using System.Text.RegularExpressions;
using Kiosk.Broker;
using Kiosk.District.Dinkes;
using Kiosk.District.Hosting;
using Kiosk.District.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.District.Tests.Dinkes;

/// <summary>The district host in-process on a loopback port, on a fake clock, with an HTTP client that keeps cookies.</summary>
internal sealed partial class DinkesHost : IAsyncDisposable
{
    // One quiet cluster for every host of the run; its watchdog ends it with the test process.
    private static readonly Lazy<Task<PrivateNatsCluster>> SharedNats = new(() => PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 1 }));

    private DinkesHost(WebApplication app, string address, FakeTimeProvider time)
    {
        App = app;
        Address = address;
        Time = time;
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) };
    }

    public WebApplication App { get; }

    public string Address { get; }

    public FakeTimeProvider Time { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public static async Task<DinkesHost> StartAsync(string connectionString, FakeTimeProvider time)
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, "nats-server is not installed (./kiosk.sh test installs it).");
        var nats = await SharedNats.Value;
        var address = $"http://127.0.0.1:{LoopbackPorts.Take()}";
        var app = DistrictHost.Build([], builder =>
        {
            builder.WebHost.UseUrls(address);
            // The whole service, ingest included, on a one-node cluster with nothing in it: the pages read what the tests seed.
            builder.Configuration.AddInMemoryCollection(nats.DistrictServiceSettings(connectionString));
            builder.Configuration["District:Dinkes:PollInterval"] = "00:00:00.200";
            builder.Services.AddSingleton<TimeProvider>(time);
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return new DinkesHost(app, address, time);
    }

    public async Task AddUserAsync(string user, string password, string display = "Petugas Dinkes") =>
        await App.Services.GetRequiredService<DinkesUsers>().AddAsync(user, display, password, CancellationToken.None);

    /// <summary>The login form's antiforgery token (the form also sets its cookie).</summary>
    public async Task<string> FormTokenAsync(string path = "/dinkes/masuk")
    {
        var html = await Client.GetStringAsync(path);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    public async Task<HttpResponseMessage> LoginAsync(string user, string password, string? token = null)
    {
        token ??= await FormTokenAsync();
        return await Client.PostAsync("/dinkes/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["pengguna"] = user,
            ["sandi"] = password,
            ["kembali"] = "/dinkes",
        }));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await App.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
