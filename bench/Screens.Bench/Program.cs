using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Mqtt;
using Kiosk.Screens.Hosting;
using Kiosk.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

// ./kiosk.sh bench screens [calls]
// 1. Officer's click (HTTP POST of an emergency call) to the display's SSE "panggilan" event, p50/p99, next to a bare
//    Kiosk.Mqtt QoS 1 round trip (publish to its own subscription) on the same broker in the same run.
// 2. Resident memory of the screens host (child process) with 10 loket sessions and 3 displays streaming, next to a
//    bare ASP.NET Core host (this program with --bare) serving one endpoint.
if (args.Contains("--bare"))
{
    // The baseline: the smallest ASP.NET Core host on the same framework.
    var bare = WebApplication.CreateBuilder(args).Build();
    bare.MapGet("/", () => "ok");
    await bare.RunAsync();
    return 0;
}

var calls = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 1000;
var folder = Directory.CreateTempSubdirectory("screens-bench-").FullName;
await using var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions
{
    DataDirectory = folder,
    Overrides = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" },
}, CancellationToken.None);
var broker = session.Broker;

// ---- 1. latency
var app = ScreensApp.Create(
[
    "--urls=http://127.0.0.1:0", $"--Screens:SiteId={session.Site}", $"--Screens:MqttPort={broker.Port}",
    $"--Screens:DisplayPassword={broker.For(BrokerRoles.Display).Password}", "--Logging:LogLevel:Default=Warning",
]);
await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
using var loket = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
(await loket.PostAsJsonAsync("/api/loket/masuk", new { counter = 1, password = broker.For(BrokerRoles.Counter(1)).Password })).EnsureSuccessStatusCode();

using var displayClient = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
using var stream = new StreamReader(await displayClient.GetStreamAsync("/api/layar/aliran"));
var announced = System.Threading.Channels.Channel.CreateUnbounded<(string Number, long Ticks)>();
_ = Task.Run(async () =>
{
    string? eventName = null;
    while (await stream.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("event: ", StringComparison.Ordinal))
        {
            eventName = line[7..];
        }
        else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "panggilan")
        {
            using var json = JsonDocument.Parse(line[6..]);
            announced.Writer.TryWrite((json.RootElement.GetProperty("number").GetString()!, Stopwatch.GetTimestamp()));
        }
    }
});

async Task<string> CommandAsync(object body)
{
    using var response = await loket.PostAsJsonAsync("/api/loket/1/perintah", body);
    var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
    return answer.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object ? t.GetProperty("number").GetString()! : "";
}

var clickToDisplay = new List<double>(calls);
for (var i = 0; i < calls + 20; i++)
{
    var started = Stopwatch.GetTimestamp();
    var number = await CommandAsync(new { commandId = Guid.NewGuid().ToString("N"), type = "emergency", service = "UMUM", reason = "bench" });
    (string Number, long Ticks) shown;
    do
    {
        shown = await announced.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
    while (shown.Number != number);
    if (i >= 20)
    {
        // The first 20 warm up JIT and connections.
        clickToDisplay.Add(Stopwatch.GetElapsedTime(started, shown.Ticks).TotalMilliseconds);
    }

    await CommandAsync(new { commandId = Guid.NewGuid().ToString("N"), type = "serve" });
}

// Bare round trip on the same broker: QoS 1 publish to a topic the same client subscribes to.
var kiosk = broker.For(BrokerRoles.Kiosk);
await using var mqtt = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "screens-bench", Username = kiosk.Username, Password = kiosk.Password });
await mqtt.StartAsync(CancellationToken.None);
var topic = $"queue/{session.Site}/bench/roundtrip";
await mqtt.SubscribeAsync([new MqttTopicFilter(topic, MqttQos.AtLeastOnce)], CancellationToken.None);
var roundTrip = new List<double>(calls);
for (var i = 0; i < calls + 20; i++)
{
    var started = Stopwatch.GetTimestamp();
    await mqtt.PublishAsync(new MqttApplicationMessage(topic, "x"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);
    await mqtt.Messages.ReadAsync();
    if (i >= 20)
    {
        roundTrip.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

Console.WriteLine($"click -> display SSE over {calls} calls: p50 {Percentile(clickToDisplay, 0.5):0.00} ms, p99 {Percentile(clickToDisplay, 0.99):0.00} ms (goal p99 <= 50 ms)");
Console.WriteLine($"bare MQTT QoS 1 round trip:          p50 {Percentile(roundTrip, 0.5):0.000} ms, p99 {Percentile(roundTrip, 0.99):0.000} ms");
Console.WriteLine($"ratio p99: {Percentile(clickToDisplay, 0.99) / Percentile(roundTrip, 0.99):0.0}x");
await app.StopAsync();

// ---- 2. memory: the screens host as its own process, 10 lokets and 3 displays.
var here = AppContext.BaseDirectory;
var screensDll = Path.Combine(here, "Kiosk.Screens.dll");
var benchDll = Path.Combine(here, "Kiosk.Screens.Bench.dll");
await using var broker10 = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = session.Site, CounterCount = 10 });
var screensPort = FreePort();
using var screens = Start(screensDll, $"--urls=http://127.0.0.1:{screensPort}", $"--Screens:SiteId={session.Site}", $"--Screens:MqttPort={broker10.Port}",
    $"--Screens:DisplayPassword={broker10.For(BrokerRoles.Display).Password}", "--Logging:LogLevel:Default=Warning");
var screensUri = new Uri($"http://127.0.0.1:{screensPort}");
await WaitHttpAsync(screensUri);
var streams = new List<(HttpClient Client, Stream Stream)>();
for (var counter = 1; counter <= 10; counter++)
{
    var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = screensUri, Timeout = Timeout.InfiniteTimeSpan };
    (await client.PostAsJsonAsync("/api/loket/masuk", new { counter, password = broker10.For(BrokerRoles.Counter(counter)).Password })).EnsureSuccessStatusCode();
    streams.Add((client, await client.GetStreamAsync("/api/loket/aliran")));
}

for (var display = 0; display < 3; display++)
{
    var client = new HttpClient { BaseAddress = screensUri, Timeout = Timeout.InfiniteTimeSpan };
    streams.Add((client, await client.GetStreamAsync("/api/layar/aliran")));
}

await Task.Delay(TimeSpan.FromSeconds(3));
var screensRss = RssMiB(screens.Id);

var barePort = FreePort();
using var bareHost = Start(benchDll, "--bare", $"--urls=http://127.0.0.1:{barePort}", "--Logging:LogLevel:Default=Warning");
await WaitHttpAsync(new Uri($"http://127.0.0.1:{barePort}"));
await Task.Delay(TimeSpan.FromSeconds(3));
var bareRss = RssMiB(bareHost.Id);
Console.WriteLine($"RSS screens host, 10 lokets + 3 displays: {screensRss:0.0} MiB; bare ASP.NET Core host: {bareRss:0.0} MiB; ratio {screensRss / bareRss:0.00} (goal <= 1.5)");

foreach (var (client, s) in streams)
{
    await s.DisposeAsync();
    client.Dispose();
}

screens.Kill();
bareHost.Kill();
Directory.Delete(folder, recursive: true);
return 0;

static Process Start(string dll, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
    start.ArgumentList.Add(dll);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitHttpAsync(Uri uri)
{
    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow.AddSeconds(300);
    while (true)
    {
        try
        {
            using var response = await client.GetAsync(uri);
            return;
        }
        catch (Exception) when (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static double RssMiB(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
