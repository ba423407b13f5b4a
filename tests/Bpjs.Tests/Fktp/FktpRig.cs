using System.Globalization;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Fktp;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.References;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Tests.Reporting;
using Kiosk.Broker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>
/// A site for the FKTP service's tests: a private Mosquitto, a <see cref="FakeKiosk"/> answering the private channel
/// as the <c>kiosk</c> user, the bridge's real host with the service on a free loopback port (Kestrel's port 0), and
/// BPJS's <see cref="MobileJknCaller"/> calling it. Tokens expire on a fake clock; the kiosk's deadline is real time.
/// </summary>
internal sealed class FktpRig : IAsyncDisposable
{
    public const string Site = "pkm-fktp";
    public const string Username = "mobilejkn-pkm";
    public const string Password = "sandi-rahasia-123";

    /// <summary>Monday 7 December 2026, 08.00 WIB.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 12, 7);

    private readonly IHost host;

    private FktpRig(PrivateBroker broker, FakeKiosk kiosk, IHost host, string folder, FakeTimeProvider time, MobileJknCaller caller)
    {
        Broker = broker;
        Kiosk = kiosk;
        this.host = host;
        Folder = folder;
        Time = time;
        Caller = caller;
    }

    public PrivateBroker Broker { get; }

    public FakeKiosk Kiosk { get; }

    public string Folder { get; }

    public FakeTimeProvider Time { get; }

    public MobileJknCaller Caller { get; }

    public Uri BaseUrl => Caller.BaseUrl;

    /// <summary>BPJS's reference lists as the bridge holds them: null until a fetch succeeds (or a kept list is loaded).</summary>
    public BpjsReferences References => host.Services.GetRequiredService<BpjsReferences>();

    /// <param name="referensi">BPJS's reference calls; by default the bridge's own client, which cannot reach BPJS here.</param>
    public static async Task<FktpRig> StartAsync(int kioskTimeoutSeconds = 6, IAntreanFktpReferensi? referensi = null)
    {
        var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 1 });
        var kiosk = await FakeKiosk.StartAsync(broker, Today);
        var folder = Directory.CreateTempSubdirectory("kfktp-").FullName;
        var passwordFile = Path.Combine(folder, "bpjs-broker-password");
        await File.WriteAllTextAsync(passwordFile, broker.For(BrokerRoles.Bpjs).Password + "\n");
        var time = new FakeTimeProvider(Morning);
        var host = BpjsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(broker, folder, passwordFile, kioskTimeoutSeconds));
            builder.Services.AddSingleton<IAntreanFktpClient>(new RecordingAntreanClient());
            builder.Services.AddSingleton<ICardNumberSource>(new RecordingCardSource());
            builder.Services.AddSingleton<TimeProvider>(time);
            if (referensi is not null)
            {
                builder.Services.AddSingleton<IAntreanFktpReferensi>(referensi);
            }
        });
        await host.StartAsync();
        var address = Assert.Single(host.Services.GetRequiredService<FktpServer>().Addresses);
        var caller = new MobileJknCaller(address, Username, Password);
        return new FktpRig(broker, kiosk, host, folder, time, caller);
    }

    public static Dictionary<string, string?> Settings(PrivateBroker broker, string folder, string passwordFile, int kioskTimeoutSeconds) => new()
    {
        ["Bpjs:Site"] = Site,
        ["Bpjs:ConsId"] = "12345",
        ["Bpjs:Secret"] = "rahasia-secret",
        ["Bpjs:UserKey"] = "rahasia-userkey",
        ["Bpjs:BaseUrl"] = "http://127.0.0.1:9/antreanfktp/",
        ["Bpjs:PoliMap"] = "P-UMUM=001,P-GIGI=002,P-KIA=003,P-LAB=009",
        ["Bpjs:OutboxPath"] = Path.Combine(folder, "bpjs-outbox.db"),
        ["Bpjs:Mqtt:Host"] = broker.Host,
        ["Bpjs:Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Bpjs:Mqtt:Username"] = BrokerRoles.Bpjs,
        ["Bpjs:Mqtt:PasswordFile"] = passwordFile,
        ["Bpjs:Fktp:Urls"] = "http://127.0.0.1:0",
        ["Bpjs:Fktp:Username"] = Username,
        ["Bpjs:Fktp:Password"] = Password,
        ["Bpjs:Fktp:TokenMinutes"] = "30",
        ["Bpjs:Fktp:KioskTimeoutSeconds"] = kioskTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A good call after the refused ones, so the kiosk's list is complete when the test reads it: the bridge's requests
    /// go out in order on one connection, so anything a refused call had sent would have reached the kiosk before this.
    /// </summary>
    public async Task<int> KioskRequestsAfterAProbeAsync()
    {
        var before = Kiosk.Requests.Count;
        // A fresh token, as BPJS asks for one after "token kedaluwarsa".
        Assert.True((await Caller.TokenAsync().WaitAsync(TestBound)).IsOk);
        var probe = await Caller.StatusAsync("001", Today).WaitAsync(TestBound);
        Assert.True(probe.IsOk, probe.Raw);
        Assert.Equal(before + 1, Kiosk.Requests.Count);
        return before;
    }

    public static TimeSpan TestBound => TimeSpan.FromSeconds(20);

    public async ValueTask DisposeAsync()
    {
        Caller.Dispose();
        await BridgeRig.StopQuietlyAsync(host);
        await Kiosk.DisposeAsync();
        await Broker.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
