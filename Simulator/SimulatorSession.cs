using System.Globalization;
using Kiosk.Broker;
using Kiosk.Device.Devices;
using Kiosk.Device.Hosting;
using Kiosk.Device.Input;
using Kiosk.Device.Printing;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Simulator;

/// <summary>
/// The real kiosk (the same host the Pi runs) on simulated buttons, lamps, reader and printer, connected to a private
/// Mosquitto started for the session. The terminal front panel drives it now; the browser panel and the end-to-end
/// tests use the same session.
/// </summary>
public sealed class SimulatorSession : IAsyncDisposable
{
    private readonly bool ownsBroker;

    private SimulatorSession(PrivateBroker broker, bool ownsBroker, IHost host, string site, string dataDirectory)
    {
        Broker = broker;
        this.ownsBroker = ownsBroker;
        Host = host;
        Site = site;
        DataDirectory = dataDirectory;
    }

    public PrivateBroker Broker { get; }

    public IHost Host { get; }

    public string Site { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => Host.Services;

    public SimulatedButtonPanel Buttons => (SimulatedButtonPanel)Services.GetRequiredService<IButtonPanel>();

    public SimulatedLampPanel Lamps => (SimulatedLampPanel)Services.GetRequiredService<ILampPanel>();

    public SimulatedPrinterTransport Printer => (SimulatedPrinterTransport)Services.GetRequiredService<IPrinterTransport>();

    public SimulatedScanReader Scanner => (SimulatedScanReader)Services.GetRequiredService<ConfiguredReader>().Reader!;

    public KioskActivity Activity => Services.GetRequiredService<KioskActivity>();

    public QueueEngine Engine => Services.GetRequiredService<QueueEngine>();

    /// <summary>Sets the virtual printer's state and makes the kiosk look at it now, as it would at its next poll.</summary>
    public void SetPrinter(VirtualPrinterState state)
    {
        Printer.State = state;
        Services.GetRequiredService<PrinterSupervisor>().CheckNow();
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
        try
        {
            var kiosk = broker.For(BrokerRoles.Kiosk);
            var settings = new Dictionary<string, string>
            {
                ["Kiosk:Mqtt:Host"] = broker.Host,
                ["Kiosk:Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                ["Kiosk:Mqtt:Username"] = kiosk.Username,
                ["Kiosk:Mqtt:Password"] = kiosk.Password,
                ["Kiosk:Hardware:Kind"] = "simulated",
                ["Kiosk:Printer:Transport"] = "simulated",
                ["Kiosk:Printer:StatusPollSeconds"] = "1",
                ["Kiosk:Reader:Kind"] = "simulated",
                ["Kiosk:DataDirectory"] = options.DataDirectory,
            };
            foreach (var (key, value) in options.Overrides)
            {
                settings[key] = value;
            }

            var args = settings.Select(pair => $"--{pair.Key}={pair.Value}").ToArray();
            var host = KioskHost.CreateBuilder(args, configFile).Build();
            try
            {
                // Checked before the host starts, so a bad setting is one line and exit 78, not a host error log.
                KioskHost.ValidateConfiguration(host.Services);
                await host.StartAsync(cancellationToken);
            }
            catch
            {
                host.Dispose();
                throw;
            }

            return new SimulatorSession(broker, options.Broker is null, host, site, options.DataDirectory);
        }
        catch
        {
            if (options.Broker is null)
            {
                await broker.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(CancellationToken.None);
        }
        finally
        {
            Host.Dispose();
            if (ownsBroker)
            {
                await Broker.DisposeAsync();
            }
        }
    }
}
