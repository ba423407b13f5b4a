using System.Globalization;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Broker;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>
/// A site for the bridge's tests: a private Mosquitto with the site's roles, the kiosk's side played by an MQTT client
/// as the <c>kiosk</c> role publishing contract events, the bridge's real host with its SQLite outbox in a temp folder,
/// and a recording BPJS and card source. Retry waits run on a fake clock.
/// </summary>
internal sealed class BridgeRig : IAsyncDisposable
{
    public const string Site = "pkm-bpjs";
    private readonly MqttClient kiosk;
    private readonly List<IHost> hosts = [];

    private BridgeRig(PrivateBroker broker, MqttClient kiosk, string folder)
    {
        Broker = broker;
        this.kiosk = kiosk;
        Folder = folder;
        PasswordFile = Path.Combine(folder, "bpjs-broker-password");
        // The bpjs role comes with the kiosk side's ACL change (issue 24); until then the bridge reads as the bridge
        // role, which may read the same events topic.
        File.WriteAllText(PasswordFile, broker.For(BrokerRoles.Bpjs).Password + "\n");
    }

    public PrivateBroker Broker { get; }

    public string Folder { get; }

    public string PasswordFile { get; }

    public TicketScript Script { get; } = new(Site);

    public RecordingAntreanClient Bpjs { get; } = new();

    public RecordingCardSource Cards { get; } = new();

    public FakeTimeProvider Time { get; } = new(TicketScript.Morning);

    public static async Task<BridgeRig> StartAsync()
    {
        var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 1 });
        var credentials = broker.For(BrokerRoles.Kiosk);
        var kiosk = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = ClientIds.KioskTool("bpjstest", Environment.ProcessId),
            Username = credentials.Username,
            Password = credentials.Password,
        });
        await kiosk.StartAsync(CancellationToken.None);
        return new BridgeRig(broker, kiosk, Directory.CreateTempSubdirectory("kbpjs-").FullName);
    }

    /// <summary>The bridge's settings as the configuration keys of <c>bpjs.env</c>.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Bpjs:Site"] = Site,
        ["Bpjs:ConsId"] = "12345",
        ["Bpjs:Secret"] = "rahasia-secret",
        ["Bpjs:UserKey"] = "rahasia-userkey",
        ["Bpjs:BaseUrl"] = "http://127.0.0.1:9/antreanfktp/",
        ["Bpjs:PoliMap"] = "P-UMUM=001,P-GIGI=002",
        ["Bpjs:OutboxPath"] = Path.Combine(Folder, "bpjs-outbox.db"),
        ["Bpjs:RetryMinSeconds"] = "5",
        ["Bpjs:RetryMaxSeconds"] = "300",
        ["Bpjs:Mqtt:Host"] = Broker.Host,
        ["Bpjs:Mqtt:Port"] = Broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Bpjs:Mqtt:Username"] = BrokerRoles.Bpjs,
        ["Bpjs:Mqtt:PasswordFile"] = PasswordFile,
    };

    /// <summary>Starts the bridge's host and waits until it has subscribed; <paramref name="afterCommit"/> runs before each PUBACK.</summary>
    public async Task<IHost> StartBridgeAsync(Func<CancellationToken, Task>? afterCommit = null)
    {
        var host = BpjsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings());
            builder.Services.AddSingleton<IAntreanFktpClient>(Bpjs);
            builder.Services.AddSingleton<ICardNumberSource>(Cards);
            builder.Services.AddSingleton<TimeProvider>(Time);
        });
        hosts.Add(host);
        host.Services.GetRequiredService<EventReader>().AfterCommit = afterCommit;
        await host.StartAsync();
        var progress = host.Services.GetRequiredService<BridgeProgress>();
        await Eventually.TrueAsync(() => progress.Subscribed, "the bridge has subscribed on the site's broker");
        return host;
    }

    public static ReportOutbox OutboxOf(IHost host) => host.Services.GetRequiredService<ReportOutbox>();

    /// <summary>Publishes as the kiosk does (QoS 1 on the events topic) and waits for the broker's PUBACK.</summary>
    public Task PublishAsync(byte[] payload) =>
        kiosk.PublishAsync(new MqttApplicationMessage(new SiteTopics(Site).Events, payload, MqttQos.AtLeastOnce), CancellationToken.None)
            .WaitAsync(Eventually.DefaultTimeout);

    /// <summary>
    /// Waits for <paramref name="condition"/> while the fake clock runs on 30 s per real 20 ms, so the retry schedule
    /// moves without a real wait; bounded by the house's 20 s of real time.
    /// </summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}. BPJS was called {Bpjs.Calls.Count} times.");
            }

            Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await StopQuietlyAsync(host);
        }

        await kiosk.DisposeAsync();
        await Broker.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Stops and disposes a host that may have stopped itself already (a simulated crash).</summary>
    public static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // Already stopped by the crash it simulated.
        }

        host.Dispose();
    }
}
