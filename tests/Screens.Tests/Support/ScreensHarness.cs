using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.TestSupport;
using Kiosk.Screens.Hosting;
using Kiosk.Screens.Sessions;
using Kiosk.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Screens.Tests.Support;

/// <summary>
/// The real stack in this process: a private Mosquitto with the role ACL, the real kiosk host on simulated hardware
/// (as the kiosk's end-to-end tests start it), and this screens host on a free loopback port.
/// </summary>
internal sealed class ScreensHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    public const string Site = "pkm-kokop";
    private readonly string folder;
    private readonly Dictionary<string, DateTime> lastPress = new(StringComparer.Ordinal);

    private ScreensHarness(SimulatorSession kiosk, WebApplication screens, string folder)
    {
        Kiosk = kiosk;
        Screens = screens;
        this.folder = folder;
        var addresses = screens.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.OrderByDescending(a => a.StartsWith("https", StringComparison.Ordinal)).First());
    }

    public SimulatorSession Kiosk { get; }

    public WebApplication Screens { get; }

    public Uri BaseAddress { get; }

    public PrivateBroker Broker => Kiosk.Broker;

    /// <summary>The host's <c>ClipOverrideDirectory</c> (the Puskesmas's own recordings); not created until a test does.</summary>
    public string OverrideFolder => Path.Combine(folder, "suara");

    public DisplaySession Display => Screens.Services.GetRequiredService<DisplaySession>();

    public LoketSessions Lokets => Screens.Services.GetRequiredService<LoketSessions>();

    public string Password(int counter) => Broker.For(BrokerRoles.Counter(counter)).Password;

    /// <param name="kioskOverrides">Extra kiosk settings ("Queue:Counters:6:Id" = "7"...), applied after the harness's own.</param>
    public static async Task<ScreensHarness> StartAsync(IReadOnlyDictionary<string, string>? screensOverrides = null, TimeProvider? time = null, IReadOnlyDictionary<string, string>? kioskOverrides = null)
    {
        var folder = Directory.CreateTempSubdirectory("screens-e2e-").FullName;
        // The screens' port is held before the kiosk starts: the kiosk prints its patient-page address in every QR code.
        var screensPort = LoopbackPorts.Take().ToString(CultureInfo.InvariantCulture);
        var kioskSettings = new Dictionary<string, string>
        {
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
            ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = "200",
            ["Kiosk:Site:PatientPageUrl"] = $"http://127.0.0.1:{screensPort}/tiket/",
        };
        foreach (var (key, value) in kioskOverrides ?? new Dictionary<string, string>())
        {
            kioskSettings[key] = value;
        }

        var kiosk = await SimulatorSession.StartAsync(new SimulatorSessionOptions
        {
            DataDirectory = Path.Combine(folder, "kiosk"),
            Overrides = kioskSettings,
        }, CancellationToken.None);
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["urls"] = $"http://127.0.0.1:{screensPort}",
                ["Screens:SiteId"] = Site,
                ["Screens:SiteName"] = "UPTD Puskesmas Kokop",
                ["Screens:MqttHost"] = kiosk.Broker.Host,
                ["Screens:MqttPort"] = kiosk.Broker.Port.ToString(CultureInfo.InvariantCulture),
                ["Screens:DisplayPassword"] = kiosk.Broker.For(BrokerRoles.Display).Password,
                ["Screens:KeepAliveSeconds"] = "5",
                ["Screens:ClipDirectory"] = Clips.Folder,
                ["Screens:ClipOverrideDirectory"] = Path.Combine(folder, "suara"),
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in screensOverrides ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            var app = ScreensApp.Create(settings.Select(p => $"--{p.Key}={p.Value}").ToArray(), time);
            await app.StartAsync();
            var harness = new ScreensHarness(kiosk, app, folder);
            await Eventually.TrueAsync(() => harness.Display.Current().Json.Contains("\"brokerConnected\":true", StringComparison.Ordinal), "the display session is connected");
            return harness;
        }
        catch
        {
            await kiosk.DisposeAsync();
            throw;
        }
    }

    /// <summary>A patient presses a kiosk button; returns once the ticket is printed (callable).</summary>
    public async Task<string> PressAsync(string buttonId = "umum")
    {
        if (lastPress.TryGetValue(buttonId, out var previous))
        {
            // The kiosk ignores a second press inside its double-press lock-out, by design.
            var wait = previous.AddMilliseconds(500) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        var next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, Kiosk.Device.Input.KioskActivityEventArgs e)
        {
            if (e.Source == buttonId)
            {
                next.TrySetResult(e.Number ?? throw new InvalidOperationException($"The kiosk issued no ticket: {e.Message}"));
            }
        }

        Kiosk.Activity.Happened += Handler;
        try
        {
            Kiosk.Buttons.Press(buttonId);
            var outcome = await next.Task.WaitAsync(Wait);
            lastPress[buttonId] = DateTime.UtcNow;
            return outcome;
        }
        finally
        {
            Kiosk.Activity.Happened -= Handler;
        }
    }

    /// <summary>What the QR code of the ticket printed last with <paramref name="number"/> holds.</summary>
    public string QrPayload(string number) => Kiosk.Printer.Receipts
        .Last(r => r.TextLines.Any(l => l.Text.Trim() == number))
        .Blocks.OfType<global::Kiosk.DeviceDrivers.Printing.Interpreting.QrBlock>().Single().Payload;

    /// <summary>A patient scans a card (e.g. a BPJS number); returns the ticket number.</summary>
    public async Task<string> ScanAsync(string text)
    {
        var next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, Kiosk.Device.Input.KioskActivityEventArgs e)
        {
            if (e.Source == "scan")
            {
                next.TrySetResult(e.Number ?? throw new InvalidOperationException($"The kiosk issued no ticket: {e.Message}"));
            }
        }

        Kiosk.Activity.Happened += Handler;
        try
        {
            Kiosk.Scanner.Scan(text);
            return await next.Task.WaitAsync(Wait);
        }
        finally
        {
            Kiosk.Activity.Happened -= Handler;
        }
    }

    /// <summary>An HTTP client with its own cookie jar: one browser tab's worth of session.</summary>
    public HttpClient NewClient() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = BaseAddress, Timeout = Wait };

    /// <summary>
    /// A client whose connections come from another loopback address (Linux answers all of 127.0.0.0/8), so a test can
    /// be "another PC" for the per-address login limit.
    /// </summary>
    public HttpClient NewClientFrom(string sourceAddress) => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        UseCookies = true,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = BaseAddress, Timeout = Wait };

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, int counter, string password) =>
        await client.PostAsync("/api/loket/masuk", Json(new { counter, password }));

    /// <summary>
    /// Posts a command the way the loket page does: a 202 ("the kiosk has not answered yet", after the host's short
    /// wait, as on a busy machine) is asked again with the same command id until the outcome comes, within <see cref="Wait"/>.
    /// </summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> CommandAsync(HttpClient client, int counter, object command)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            using var response = await client.PostAsync($"/api/loket/{counter.ToString(CultureInfo.InvariantCulture)}/perintah", Json(command));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Accepted || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
            }
        }
    }

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static string NewId() => Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Screens.StopAsync();
            await Screens.DisposeAsync();
        }
        finally
        {
            await Kiosk.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
