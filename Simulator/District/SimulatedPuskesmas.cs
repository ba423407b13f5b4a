using Kiosk.Broker;
using Kiosk.Simulator.Scenarios;
using Kiosk.Simulator.Text;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Simulator.District;

/// <summary>
/// One Puskesmas of a simulated kabupaten: its own private Mosquitto, the real kiosk host on simulated hardware playing
/// a scenario day on its simulated clock (<see cref="ScenarioRunner"/>, every loket its own MQTT user), and the real
/// district link reading that Mosquitto as the bridge role and forwarding to the district's JetStream. Used by
/// <c>./kiosk.sh district</c> and the district tests alike.
/// </summary>
public sealed class SimulatedPuskesmas : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly TextWriter progress;
    private IHost? link;

    private SimulatedPuskesmas(SimulatedPuskesmasOptions options, PrivateBroker broker)
    {
        Site = options.Site;
        Name = options.Name;
        Broker = broker;
        progress = options.Progress ?? TextWriter.Null;
    }

    public string Site { get; }

    public string Name { get; }

    /// <summary>The site's own Mosquitto (the kiosk, its lokets and the link all connect here).</summary>
    public PrivateBroker Broker { get; }

    /// <summary>The district link's host; null after <see cref="StopLinkAsync"/>.</summary>
    public IHost? Link => link;

    /// <summary>The day being played: the scenario's report when the day is over (the kiosk then stops).</summary>
    public Task<ScenarioReport> Day { get; private set; } = Task.FromException<ScenarioReport>(new InvalidOperationException());

    /// <summary>Starts the Mosquitto, the link (its session first, so it misses nothing) and then the day.</summary>
    public static async Task<SimulatedPuskesmas> StartAsync(SimulatedPuskesmasOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = options.Day;
        scenario.Settings["Kiosk:Site:Id"] = options.Site;
        scenario.Settings["Kiosk:Site:Name"] = options.Name;
        var progress = options.Progress ?? TextWriter.Null;
        var runner = new ScenarioRunner(scenario, progress);
        var broker = await PrivateBroker.StartAsync(runner.BrokerOptions(), cancellationToken);
        var site = new SimulatedPuskesmas(options, broker);
        try
        {
            await SiteLink.OpenSessionAsync(broker, cancellationToken);
            await site.StartLinkAsync(options.District, cancellationToken);
            site.Day = Task.Run(() => site.PlayAsync(runner, scenario.Name, options.DataDirectory), CancellationToken.None);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the district link again (after <see cref="StopLinkAsync"/>), as systemd would.</summary>
    public async Task StartLinkAsync(SiteLinkSettings district, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(stop.IsCancellationRequested, this);
        var host = SiteLink.Build(Broker, district);
        await host.StartAsync(cancellationToken);
        link = host;
    }

    /// <summary>Stops the district link; Mosquitto keeps its session's queue until it comes back.</summary>
    public async Task StopLinkAsync()
    {
        if (Interlocked.Exchange(ref link, null) is { } host)
        {
            using (host)
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        try
        {
            await Day;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Stopped mid-day, or never started: nothing more to report.
        }

        await StopLinkAsync();
        await Broker.DisposeAsync();
        stop.Dispose();
    }

    private async Task<ScenarioReport> PlayAsync(ScenarioRunner runner, string scenario, string dataDirectory)
    {
        await progress.WriteLineAsync(SimulatorTeks.Kabupaten.DayStarted(Name, Site, scenario, Broker.Port));
        try
        {
            var report = await runner.RunAsync(dataDirectory, Broker, stop.Token);
            await progress.WriteLineAsync(SimulatorTeks.Kabupaten.DayEnded(Name, report.EventsCommitted, report.EventsReceived));
            return report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await progress.WriteLineAsync(SimulatorTeks.Kabupaten.DayFailed(Name, ex.Message));
            throw;
        }
    }
}
