using System.Globalization;
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
/// One site's BPJS bridge in the simulator: the real bridge host (<see cref="BpjsHost.Build"/>) on that site's private
/// Mosquitto as the <c>bpjs</c> user, reporting to the simulator's BPJS double, its outbox in the site's data folder.
/// </summary>
public sealed class SimulatedBridge : IAsyncDisposable
{
    /// <summary>The outbox's file name in the site's data folder.</summary>
    public const string OutboxFile = "bpjs-outbox.db";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private readonly IHost host;
    private readonly string secrets;

    private SimulatedBridge(IHost host, string secrets)
    {
        this.host = host;
        this.secrets = secrets;
    }

    /// <summary>The bridge's outbox: what still waits for BPJS.</summary>
    public ReportOutbox Outbox => host.Services.GetRequiredService<ReportOutbox>();

    /// <summary>Starts the bridge and returns once it has subscribed on <paramref name="broker"/> (so it misses no event).</summary>
    public static async Task<SimulatedBridge> StartAsync(PrivateBroker broker, Uri bpjs, Kiosk.Bpjs.Doubles.BpjsDoubleOptions credentials, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(credentials);
        // The bpjs user's password in a file of its own, as kiosk-setup --bpjs leaves it (never in the environment).
        var secrets = Directory.CreateTempSubdirectory("kiosk-bpjs-").FullName;
        IHost? host = null;
        try
        {
            var passwordFile = Path.Combine(secrets, "bpjs-broker-password");
            await File.WriteAllTextAsync(passwordFile, broker.For(BrokerRoles.Bpjs).Password + "\n", cancellationToken);
            Directory.CreateDirectory(dataDirectory);
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Bpjs:Site"] = broker.Site,
                ["Bpjs:ConsId"] = credentials.ConsId,
                ["Bpjs:Secret"] = credentials.Secret,
                ["Bpjs:UserKey"] = credentials.UserKey,
                ["Bpjs:BaseUrl"] = bpjs.ToString(),
                ["Bpjs:PoliMap"] = SimulatedBpjs.PoliMap,
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
            host = BpjsHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
            await host.StartAsync(cancellationToken).WaitAsync(StartBound, cancellationToken);
            var progress = host.Services.GetRequiredService<BridgeProgress>();
            if (!await UntilAsync(() => progress.Subscribed, StartBound, cancellationToken))
            {
                throw new TimeoutException(SimulatorTeks.Panel.BpjsBridgeDidNotStart(StartBound));
            }

            return new SimulatedBridge(host, secrets);
        }
        catch
        {
            if (host is not null)
            {
                await StopAsync(host);
            }

            Directory.Delete(secrets, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Waits, at most <paramref name="bound"/>, until nothing waits for BPJS or <paramref name="stopWaiting"/> says to
    /// stop (the internet is cut); returns how many reports still wait.
    /// </summary>
    public async Task<int> DrainAsync(Func<bool> stopWaiting, TimeSpan bound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stopWaiting);
        await UntilAsync(() => stopWaiting() || Outbox.Backlog().Count == 0, bound, cancellationToken);
        return Outbox.Backlog().Count;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(host);
        try
        {
            Directory.Delete(secrets, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>True once <paramref name="condition"/> holds; false when <paramref name="bound"/> passed first.</summary>
    private static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(bound);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
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
