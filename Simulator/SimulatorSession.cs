using System.Globalization;
using Kiosk.Broker;
using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Hosting;
using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Queue;
using Kiosk.Simulator.Devices;
using Kiosk.Simulator.KioskPart;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator;

/// <summary>
/// The real kiosk (the same host the Pi runs) on simulated buttons, lamps, reader and printer, connected to a private
/// Mosquitto started for the session. The kiosk can lose power and start again on the same data, like the Pi; every
/// power-up is a new host, so listeners subscribe again on <see cref="KioskStarted"/>. The browser front panel, the
/// scenario runner and the end-to-end tests all drive the kiosk through this class.
/// <para>
/// The kiosk runs in this process by default: scenarios play a whole day on the simulator's clock and the tests read
/// its engine and services directly, which only an in-process host allows, and quickly. With
/// <see cref="SimulatorSessionOptions.KioskInChildProcess"/> (the interactive front panel) it runs in a child process,
/// so a power cut kills it for real; then only <see cref="Front"/> reaches it, and <see cref="Host"/>,
/// <see cref="Services"/>, <see cref="Engine"/> and the device properties throw.
/// </para>
/// </summary>
public sealed partial class SimulatorSession : IAsyncDisposable
{
    private readonly bool ownsBroker;
    private readonly SimulatorSessionOptions options;
    private readonly Dictionary<string, string> settings;
    private readonly SemaphoreSlim power = new(1, 1);
    private readonly KioskNetworkLine? networkLine;
    private readonly ILoggerFactory loggers;
    private IHost? host;
    private KioskProcess? child;
    private IKioskFront? front;
    private FrontPanelPrinter? printerLine;
    private SimulatedPrinterTransport printer;

    private SimulatorSession(PrivateBroker broker, bool ownsBroker, SimulatorSessionOptions options, Dictionary<string, string> settings, string site, SimulatorClock clock, KioskNetworkLine? networkLine)
    {
        this.networkLine = networkLine;
        Broker = broker;
        this.ownsBroker = ownsBroker;
        this.options = options;
        this.settings = settings;
        Site = site;
        Clock = clock;
        printer = new SimulatedPrinterTransport(PaperFor(settings));
        loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        if (options.KioskInChildProcess)
        {
            Clock.Moved += (_, _) => child?.MoveClock(Clock.Offset);
        }
    }

    /// <summary>Raised after each kiosk power-up, once its host has started.</summary>
    public event EventHandler? KioskStarted;

    /// <summary>Raised when the kiosk loses power or is stopped.</summary>
    public event EventHandler? KioskStopped;

    public PrivateBroker Broker { get; }

    public SimulatorClock Clock { get; }

    /// <summary>The running kiosk; throws while it is off, or when it runs in a child process.</summary>
    public IHost Host => host ?? throw new InvalidOperationException(child is not null ? SimulatorTeks.KioskInOtherProcess : SimulatorTeks.KioskOff);

    public bool KioskRunning => front is not null;

    /// <summary>The kiosk's buttons, lamps, reader and printer check in this power-up; null while it is off.</summary>
    public IKioskFront? Front => front;

    /// <summary>The process the kiosk runs in (this one, or its child that a power cut kills); null while it is off.</summary>
    public int? KioskProcessId => child?.Id ?? (host is not null ? Environment.ProcessId : null);

    /// <summary>The kiosk's child process, when it runs in one (tests talk to it directly).</summary>
    internal KioskProcess? KioskProcess => child;

    public string Site { get; }

    public string DataDirectory => options.DataDirectory;

    /// <summary>The kiosk's closing time (Kiosk:DayCloseTime, JJ:MM), or empty: the day closes at midnight.</summary>
    public string DayCloseTime => settings["Kiosk:DayCloseTime"];

    public IServiceProvider Services => Host.Services;

    public KioskOptions KioskOptions => Services.GetRequiredService<IOptions<KioskOptions>>().Value;

    public SimulatedButtonPanel Buttons => (SimulatedButtonPanel)Services.GetRequiredService<IButtonPanel>();

    public SimulatedLampPanel Lamps => (SimulatedLampPanel)Services.GetRequiredService<ILampPanel>();

    /// <summary>The printer itself: paper, faults and every receipt it decoded. It outlives kiosk power cuts.</summary>
    public SimulatedPrinterTransport Printer => printer;

    /// <summary>The kiosk's line to the printer in this power-up (print timing, the printing signal).</summary>
    public FrontPanelPrinter PrinterLine => printerLine ?? throw new InvalidOperationException(SimulatorTeks.KioskOff);

    public int PaperWidthMm => printer.Paper.Name.StartsWith("58", StringComparison.Ordinal) ? 58 : 80;

    public SimulatedScanReader Scanner => (SimulatedScanReader)Services.GetRequiredService<ConfiguredReader>().Reader!;

    public KioskActivity Activity => Services.GetRequiredService<KioskActivity>();

    public QueueEngine Engine => Services.GetRequiredService<QueueEngine>();

    /// <summary>Sets the virtual printer's state and makes the kiosk look at it now, as it would at its next poll.</summary>
    public void SetPrinter(VirtualPrinterState state)
    {
        printer.State = state;
        front?.CheckPrinterNow();
    }

    public static async Task<SimulatorSession> StartAsync(SimulatorSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configFile = options.ConfigFile is { Length: > 0 } file ? Path.GetFullPath(file) : null;
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new Kiosk.Device.Tools.KioskConfigurationFileException(Kiosk.Device.Text.Teks.ConfigFileMissing(configFile));
        }

        var sources = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false);
        if (configFile is not null)
        {
            sources.AddJsonFile(configFile, optional: false);
        }

        var defaults = sources.AddInMemoryCollection(options.Overrides!).Build();
        var site = defaults["Kiosk:Site:Id"] ?? "dev";
        var counters = defaults.GetSection("Queue:Counters").GetChildren().Count();
        var broker = options.Broker ?? await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = site, CounterCount = Math.Max(1, counters) }, cancellationToken);
        var networkLine = options.CutNetworkOnPowerLoss ? new KioskNetworkLine(broker) : null;
        try
        {
            var kiosk = broker.For(BrokerRoles.Kiosk);
            var settings = SimulatedKioskSettings.Create(
                new SimulatedKioskBroker(site, broker.Host, networkLine?.Port ?? broker.Port, kiosk.Username, kiosk.Password), options.DataDirectory);
            // The panel's card reader is simulated; the printer is asked every second so a paper change shows at once.
            settings["Kiosk:Reader:Kind"] = "simulated";
            settings["Kiosk:Printer:StatusPollSeconds"] = "1";
            settings["Kiosk:Printer:PaperWidthMm"] = defaults["Kiosk:Printer:PaperWidthMm"] ?? "80";
            foreach (var (key, value) in options.Overrides)
            {
                settings[key] = value;
            }

            // Kept in the settings either way, so the panel can tell the technician when the day closes.
            var dayClose = defaults["Kiosk:DayCloseTime"] ?? string.Empty;
            settings["Kiosk:DayCloseTime"] = dayClose.Length == 0 && options.DefaultDayCloseTime is { Length: > 0 } fallback ? fallback : dayClose;

            var session = new SimulatorSession(broker, options.Broker is null, options, settings, site, options.Clock ?? new SimulatorClock(), networkLine);
            await session.PowerOnAsync(cancellationToken);
            return session;
        }
        catch
        {
            if (networkLine is not null)
            {
                await networkLine.DisposeAsync();
            }

            if (options.Broker is null)
            {
                await broker.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Pulls the plug: the print in progress never finishes, the broker connection dies without a goodbye (with
    /// <see cref="SimulatorSessionOptions.CutNetworkOnPowerLoss"/>: reset under the kiosk, so the broker sends its last
    /// will), and the host gets no time to drain (its stop is cancelled before it begins). What was committed stays in
    /// the ticket log for the next power-up. With <see cref="SimulatorSessionOptions.KioskInChildProcess"/> the kiosk
    /// process gets SIGKILL, as at a real power cut; in this process the host's objects are still disposed (the ticket
    /// log's SQLite connection closes normally); see the README's power-cut note.
    /// </summary>
    public async Task CutPowerAsync()
    {
        await power.WaitAsync();
        try
        {
            if (front is null)
            {
                return;
            }

            printerLine?.CutPower();
            if (child is { } running)
            {
                await running.KillAsync();
                networkLine?.Cut();
                await StopChildAsync();
                return;
            }

            networkLine?.Cut();
            using var now = new CancellationTokenSource();
            await now.CancelAsync();
            await StopHostAsync(now.Token);
        }
        finally
        {
            power.Release();
        }
    }

    /// <summary>Starts the kiosk again on the same data, as the Pi does when power comes back.</summary>
    public async Task PowerOnAsync(CancellationToken cancellationToken = default)
    {
        await power.WaitAsync(cancellationToken);
        try
        {
            if (front is not null)
            {
                return;
            }

            networkLine?.Restore();
            var line = new FrontPanelPrinter(printer, options.PrintDuration);
            var args = settings.Select(pair => $"--{pair.Key}={pair.Value}").ToArray();
            var configFile = options.ConfigFile is { Length: > 0 } file ? Path.GetFullPath(file) : null;
            if (options.KioskInChildProcess)
            {
                // A bad setting is reported here as in-process (one line, exit 78), not as a child that died.
                using (var check = KioskHost.CreateBuilder(args, configFile).Build())
                {
                    KioskHost.ValidateConfiguration(check.Services);
                }

                child = await KioskProcess.StartAsync(settings, configFile, Clock, line, loggers.CreateLogger(typeof(KioskProcess).FullName!), TimeSpan.FromSeconds(120), cancellationToken);

                // A jump made while it was starting reached no one.
                child.MoveClock(Clock.Offset);
                front = child;
                printerLine = line;
                _ = WatchAsync(child);
            }
            else
            {
                await StartHostAsync(args, configFile, line, cancellationToken);
            }
        }
        finally
        {
            power.Release();
        }

        KioskStarted?.Invoke(this, EventArgs.Empty);
    }

    private async Task StartHostAsync(string[] args, string? configFile, FrontPanelPrinter line, CancellationToken cancellationToken)
    {
        var builder = KioskHost.CreateBuilder(args, configFile);

        // Registered after the kiosk's own: the simulator's clock and printer line win.
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<IPrinterTransport>(line);
        var started = builder.Build();
        try
        {
            // Checked before the host starts, so a bad setting is one line and exit 78, not a host error log.
            KioskHost.ValidateConfiguration(started.Services);
            await started.StartAsync(cancellationToken);
        }
        catch
        {
            started.Dispose();
            throw;
        }

        host = started;
        front = new HostedKioskFront(started.Services);
        printerLine = line;
    }

    /// <summary>A clean restart, as <c>systemctl restart kiosk</c> does: every part stops in order, then the kiosk starts on the same data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await power.WaitAsync(cancellationToken);
        try
        {
            await StopHostAsync(cancellationToken);
        }
        finally
        {
            power.Release();
        }

        await PowerOnAsync(cancellationToken);
    }

    /// <summary>A clean restart with another paper width: the ticket layout and the printer roll change with it.</summary>
    public async Task ChangePaperAsync(int widthMm, CancellationToken cancellationToken = default)
    {
        if (widthMm is not (58 or 80))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMm), widthMm, SimulatorTeks.PaperWidths);
        }

        await power.WaitAsync(cancellationToken);
        try
        {
            await StopHostAsync(cancellationToken);
            settings["Kiosk:Printer:PaperWidthMm"] = widthMm.ToString(CultureInfo.InvariantCulture);
            var state = printer.State;
            printer = new SimulatedPrinterTransport(PaperFor(settings)) { State = state };
        }
        finally
        {
            power.Release();
        }

        await PowerOnAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await power.WaitAsync();
            try
            {
                await StopHostAsync(CancellationToken.None);
            }
            finally
            {
                power.Release();
            }
        }
        finally
        {
            power.Dispose();
            loggers.Dispose();
            if (networkLine is not null)
            {
                await networkLine.DisposeAsync();
            }

            if (ownsBroker)
            {
                await Broker.DisposeAsync();
            }
        }
    }

    private async Task StopHostAsync(CancellationToken cancellationToken)
    {
        if (child is not null)
        {
            await StopChildAsync();
            return;
        }

        if (host is not { } running)
        {
            return;
        }

        host = null;
        front = null;
        printerLine = null;
        try
        {
            await running.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A power cut: nothing waits for the kiosk to finish.
        }
        finally
        {
            running.Dispose();
            KioskStopped?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>A kiosk process that ends by itself (a crash, a kill from outside) leaves the kiosk off, as the panel then shows.</summary>
    private async Task WatchAsync(KioskProcess watched)
    {
        var code = await watched.WaitForExitAsync();
        try
        {
            await power.WaitAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            if (!ReferenceEquals(child, watched))
            {
                return;
            }

            LogKioskProcessEnded(loggers.CreateLogger<SimulatorSession>(), watched.Id, code);
            printerLine?.CutPower();
            networkLine?.Cut();
            await StopChildAsync();
        }
        finally
        {
            power.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proses kiosk {ProcessId} berhenti sendiri (kode keluar {ExitCode}); kiosk dianggap mati sampai dinyalakan kembali.")]
    private static partial void LogKioskProcessEnded(ILogger logger, int processId, int exitCode);

    /// <summary>Closes the line to the kiosk process (a clean stop unless it was killed first) and waits for it to be gone.</summary>
    private async Task StopChildAsync()
    {
        if (child is not { } running)
        {
            return;
        }

        child = null;
        front = null;
        printerLine = null;
        try
        {
            await running.DisposeAsync();
        }
        finally
        {
            KioskStopped?.Invoke(this, EventArgs.Empty);
        }
    }

    private static Kiosk.DeviceDrivers.Printing.Encoding.PaperProfile PaperFor(Dictionary<string, string> settings) =>
        DeviceRegistration.Paper(new PrinterOptions
        {
            PaperWidthMm = settings.TryGetValue("Kiosk:Printer:PaperWidthMm", out var width) && int.TryParse(width, CultureInfo.InvariantCulture, out var mm) ? mm : 80,
        });
}
