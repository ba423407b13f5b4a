using System.Globalization;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Reporting;
using Kiosk.Broker;
using Kiosk.Simulator.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Simulator.Bpjs;

/// <summary>
/// BPJS for the simulator: the BPJS double on loopback (it never reaches the real BPJS) and the real BPJS bridge
/// (Kiosk.Bpjs, built in this process through <see cref="BpjsHost.Build"/>) on the simulator's private Mosquitto as
/// the <c>bpjs</c> user, its outbox in the simulator's data folder. The JKN tickets the kiosk issues are reported to the
/// double for real; "Internet putus" is the double's down mode, so the reports wait in the outbox as on a site.
/// </summary>
public sealed class SimulatedBpjs : IAsyncDisposable
{
    /// <summary>
    /// The simulator's services BPJS knows as a poli, in the bridge's <c>Bpjs:PoliMap</c> form. The BPJS registration
    /// loket stands for poli umum (001), so a ticket from the BPJS button or a scanned card is reported as it prints;
    /// gigi and KIA as themselves. P-UMUM is left out: a JKN patient sent on to it is already in BPJS's poli umum queue.
    /// </summary>
    public const string PoliMap = "BPJS=001,P-GIGI=002,P-KIA=003";

    /// <summary>The outbox's file name in the simulator's data folder.</summary>
    public const string OutboxFile = "bpjs-outbox.db";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private readonly IHost bridge;
    private readonly string secrets;

    private SimulatedBpjs(BpjsDouble bpjs, IHost bridge, string secrets)
    {
        Service = bpjs;
        this.bridge = bridge;
        this.secrets = secrets;
    }

    /// <summary>BPJS's side: what it was told, and its switches.</summary>
    public BpjsDouble Service { get; }

    /// <summary>The bridge's outbox: what still waits for BPJS.</summary>
    public ReportOutbox Outbox => bridge.Services.GetRequiredService<ReportOutbox>();

    /// <summary>True while the internet is cut: the double closes every connection without an answer.</summary>
    public bool InternetCut
    {
        get => Service.Mode.Down;
        set => Service.Mode.Down = value;
    }

    /// <summary>Starts the double, then the bridge, and returns once the bridge has subscribed on the site's broker.</summary>
    public static async Task<SimulatedBpjs> StartAsync(PrivateBroker broker, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var options = new BpjsDoubleOptions();
        var bpjs = await BpjsDouble.StartAsync(options, cancellationToken);
        // The bpjs user's password in a file of its own, as kiosk-setup --bpjs leaves it (never in the environment).
        var secrets = Directory.CreateTempSubdirectory("kiosk-bpjs-").FullName;
        IHost? bridge = null;
        try
        {
            var passwordFile = Path.Combine(secrets, "bpjs-broker-password");
            await File.WriteAllTextAsync(passwordFile, broker.For(BrokerRoles.Bpjs).Password + "\n", cancellationToken);
            Directory.CreateDirectory(dataDirectory);
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Bpjs:Site"] = broker.Site,
                ["Bpjs:ConsId"] = options.ConsId,
                ["Bpjs:Secret"] = options.Secret,
                ["Bpjs:UserKey"] = options.UserKey,
                ["Bpjs:BaseUrl"] = bpjs.BaseUrl.ToString(),
                ["Bpjs:PoliMap"] = PoliMap,
                ["Bpjs:OutboxPath"] = Path.Combine(dataDirectory, OutboxFile),
                // A short back-off: a trainer who restores the internet sees the backlog go within seconds.
                ["Bpjs:RetryMinSeconds"] = "1",
                ["Bpjs:RetryMaxSeconds"] = "5",
                ["Bpjs:Mqtt:Host"] = broker.Host,
                ["Bpjs:Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                ["Bpjs:Mqtt:Username"] = BrokerRoles.Bpjs,
                ["Bpjs:Mqtt:PasswordFile"] = passwordFile,
                // The panel shows what the bridge does; its terminal lines only when something is wrong.
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            };
            bridge = BpjsHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
            await bridge.StartAsync(cancellationToken).WaitAsync(StartBound, cancellationToken);
            var progress = bridge.Services.GetRequiredService<BridgeProgress>();
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(StartBound);
            while (!progress.Subscribed)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), bound.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException(SimulatorTeks.Panel.BpjsBridgeDidNotStart(StartBound));
                }
            }

            return new SimulatedBpjs(bpjs, bridge, secrets);
        }
        catch
        {
            if (bridge is not null)
            {
                await StopAsync(bridge);
            }

            await bpjs.DisposeAsync();
            Directory.Delete(secrets, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(bridge);
        await Service.DisposeAsync();
        try
        {
            Directory.Delete(secrets, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task StopAsync(IHost host)
    {
        using (host)
        {
            using var bound = new CancellationTokenSource(StartBound);
            await host.StopAsync(bound.Token);
        }
    }
}
