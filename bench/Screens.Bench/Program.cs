using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Kiosk.Broker;
using Kiosk.Screens.Bench;
using Kiosk.Screens.Endpoints;
using Kiosk.Screens.Hosting;
using Kiosk.Screens.Views;
using Kiosk.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// ./kiosk.sh bench screens [calls] [--latency-only | --memory-only] [--smoke]
// 1. Officer's click (HTTP POST of an emergency call) to the display's SSE "panggilan" event, p50/p99, next to a bare
//    Kiosk.Mqtt QoS 1 round trip (publish to its own subscription) on the same broker: once on a quiet machine, once
//    with every core kept busy by spinning child processes, each against the round trip measured in the same state.
//    A broker tap shows where the time goes (HTTP to command, command to reply and to event, event to SSE).
// 2. Resident memory of the screens host (child process) with 10 loket sessions and 3 displays streaming, next to a
//    bare ASP.NET Core host (this program with --bare) serving one endpoint.
// A run that cannot do its work prints one line and exits with 1. --smoke: 5 calls on the quiet machine only (no
// spinning cores), then the memory part; seconds, to prove both parts still work.
if (args.Contains("--bare"))
{
    // The baseline: the smallest ASP.NET Core host on the same framework. "--bare" is taken out first: the command-line
    // configuration reads a "--key" without "=" as taking the next argument as its value, so "--bare --urls=..." lost
    // the address, the host bound the default port 5000 (taken on a shared machine), died, and the bench died with it.
    var bare = WebApplication.CreateBuilder(args.Where(a => a != "--bare").ToArray()).Build();
    bare.MapGet("/", () => "ok");
    await bare.RunAsync();
    return 0;
}

if (args.Contains("--spin"))
{
    BusyCores.Spin();
    return 0;
}

return await BenchRun.RunAsync("Screens.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var settings = BenchRun.Settings(args);
    var calls = settings.Length > 0 && int.TryParse(settings[0], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : smoke ? 5 : 1000;
    if (!args.Contains("--memory-only"))
    {
        await LatencyAsync(calls, loaded: !smoke);
    }

    if (!args.Contains("--latency-only"))
    {
        await MemoryAsync();
    }

    return 0;
});

static async Task LatencyAsync(int calls, bool loaded)
{
    var folder = Directory.CreateTempSubdirectory("screens-bench-").FullName;
    try
    {
        // The broker as a site runs it: Broker/mosquitto/site.conf leaves autosave_interval at Mosquitto's default
        // (1800 s). The private broker's own 1 s autosave (for the tests that kill it) rewrites and fsyncs its whole store
        // every second on its one thread, stalling every message meanwhile: 14 saves in a 100-call run, a tail the site
        // never sees.
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions
        {
            Site = BenchSite,
            CounterCount = 10,
            ExtraConfigLines = ["autosave_interval 1800"],
        });
        await using var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions
        {
            DataDirectory = folder,
            Broker = broker,
            Overrides = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning", ["Kiosk:Site:Id"] = BenchSite },
        }, CancellationToken.None);
        var app = ScreensApp.Create(
        [
            "--urls=http://127.0.0.1:0", $"--Screens:SiteId={session.Site}", $"--Screens:MqttPort={broker.Port}",
            $"--Screens:DisplayPassword={broker.For(BrokerRoles.Display).Password}", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await using var bench = await ClickToDisplay.StartAsync(address, broker, session.Site);

            var quietLoad = LoadAverage();
            var quietClicks = await bench.MeasureClicksAsync(calls);
            var quietRoundTrip = await bench.MeasureRoundTripsAsync(calls);
            if (!loaded)
            {
                Console.WriteLine($"click -> display SSE, {calls} calls, quiet machine only (smoke setting):");
                Report($"quiet (load average {quietLoad} before)", quietClicks, quietRoundTrip, 50);
                return;
            }

            var cores = Environment.ProcessorCount;
            using var busy = BusyCores.Start(Path.Combine(AppContext.BaseDirectory, "Kiosk.Screens.Bench.dll"), cores);
            // Past the spinners' own start-up; on a machine shared with other jobs they get less than whole cores, so
            // the check only catches spinners that do not run at all. Their measured share is printed with the figures.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var share = await busy.CpuShareAsync(TimeSpan.FromSeconds(1));
            if (share < 0.25 * cores)
            {
                throw new BenchFailure($"the {cores} spinning processes used only {share:0.00} cores: the loaded run would not be loaded");
            }

            var loadedClicks = await bench.MeasureClicksAsync(calls);
            var loadedRoundTrip = await bench.MeasureRoundTripsAsync(calls);
            var loadedShare = await busy.CpuShareAsync(TimeSpan.FromSeconds(1));

            Console.WriteLine($"click -> display SSE, {calls} calls each, goal p99 <= 50 ms quiet and <= 150 ms with every core busy:");
            Report($"quiet (load average {quietLoad} before)", quietClicks, quietRoundTrip, 50);
            Report($"{cores} cores busy ({share:0.0}-{loadedShare:0.0} cores spinning, load average {LoadAverage()} after)", loadedClicks, loadedRoundTrip, 150);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static void Report(string condition, Hops clicks, List<double> roundTrip, double goal)
{
    var p99 = Percentile(clicks.Total, 0.99);
    Console.WriteLine($"  {condition}: p50 {Percentile(clicks.Total, 0.5):0.00} ms, p99 {p99:0.00} ms ({(p99 <= goal ? "met" : "NOT met")}); " +
        $"bare MQTT QoS 1 round trip p50 {Percentile(roundTrip, 0.5):0.000} ms, p99 {Percentile(roundTrip, 0.99):0.000} ms; ratio p99 {p99 / Percentile(roundTrip, 0.99):0.0}x");
    Console.WriteLine($"    hops p50/p99 ms: POST -> command on broker {Hop(clicks.ToCommand)}, command -> kiosk reply {Hop(clicks.CommandToReply)}, " +
        $"command -> event {Hop(clicks.CommandToEvent)}, event -> SSE {Hop(clicks.EventToDisplay)}; HTTP answer {Hop(clicks.HttpAnswer)}");
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string Hop(List<double> values) => $"{Percentile(values, 0.5):0.0}/{Percentile(values, 0.99):0.0}";

static double Percentile(List<double> values, double p)
{
    if (values.Count == 0)
    {
        throw new BenchFailure("no sample was measured");
    }

    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

static async Task MemoryAsync()
{
    // The screens host as its own process, 10 lokets and 3 displays.
    var here = AppContext.BaseDirectory;
    await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = BenchSite, CounterCount = 10 });
    var screensPort = ChildProcess.FreePort();
    var screens = ChildProcess.Start(Path.Combine(here, "Kiosk.Screens.dll"), $"--urls=http://127.0.0.1:{screensPort}", $"--Screens:SiteId={BenchSite}",
        $"--Screens:MqttPort={broker.Port}", $"--Screens:DisplayPassword={broker.For(BrokerRoles.Display).Password}", "--Logging:LogLevel:Default=Warning");
    var streams = new List<(HttpClient Client, Stream Stream)>();
    System.Diagnostics.Process? bareHost = null;
    try
    {
        var screensUri = new Uri($"http://127.0.0.1:{screensPort}");
        await ChildProcess.WaitHttpAsync(screens, screensUri, TimeSpan.FromSeconds(60));
        for (var counter = 1; counter <= 10; counter++)
        {
            var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = screensUri, Timeout = Timeout.InfiniteTimeSpan };
            using (var login = await client.PostAsJsonAsync("/api/loket/masuk", new LoginRequest(counter, broker.For(BrokerRoles.Counter(counter)).Password), ScreensJson.Options))
            {
                if (!login.IsSuccessStatusCode)
                {
                    client.Dispose();
                    throw new BenchFailure($"loket {counter} could not log in to the screens host: HTTP {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
                }
            }

            streams.Add((client, await client.GetStreamAsync("/api/loket/aliran")));
        }

        for (var display = 0; display < 3; display++)
        {
            var client = new HttpClient { BaseAddress = screensUri, Timeout = Timeout.InfiniteTimeSpan };
            streams.Add((client, await client.GetStreamAsync("/api/layar/aliran")));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var screensRss = RssMiB(screens.Id);

        var barePort = ChildProcess.FreePort();
        bareHost = ChildProcess.Start(Path.Combine(here, "Kiosk.Screens.Bench.dll"), "--bare", $"--urls=http://127.0.0.1:{barePort}", "--Logging:LogLevel:Default=Warning");
        await ChildProcess.WaitHttpAsync(bareHost, new Uri($"http://127.0.0.1:{barePort}"), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var bareRss = RssMiB(bareHost.Id);
        Console.WriteLine($"RSS screens host, 10 lokets + 3 displays: {screensRss:0.0} MiB; bare ASP.NET Core host: {bareRss:0.0} MiB; ratio {screensRss / bareRss:0.00} (goal <= 1.5)");
    }
    finally
    {
        foreach (var (client, stream) in streams)
        {
            await stream.DisposeAsync();
            client.Dispose();
        }

        ChildProcess.Stop(screens);
        if (bareHost is not null)
        {
            ChildProcess.Stop(bareHost);
        }
    }
}

static double RssMiB(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

/// <summary>The bench's own site id, for its brokers, the kiosk and the screens host.</summary>
internal static partial class Program
{
    private const string BenchSite = "pkm-bench";
}
