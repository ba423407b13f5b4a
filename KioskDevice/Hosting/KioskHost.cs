using Kiosk.Device.Commands;
using Kiosk.Device.Configuration;
using Kiosk.Device.DayClose;
using Kiosk.Device.Devices;
using Kiosk.Device.Health;
using Kiosk.Device.Input;
using Kiosk.Device.Messaging;
using Kiosk.Device.Printing;
using Kiosk.Device.Publishing;
using Kiosk.Device.Systemd;
using Kiosk.Device.Ticketing;
using Kiosk.Queue;
using Kiosk.Queue.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Hosting;

/// <summary>Builds the kiosk's Generic Host; the Pi, the simulator and the end-to-end tests all start it through here.</summary>
public static class KioskHost
{
    /// <summary>
    /// Configuration, lowest to highest: appsettings.json beside the program, the <paramref name="configFile"/>
    /// (e.g. /etc/kiosk/appsettings.json), environment variables (Kiosk__Mqtt__Host), then the command line.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, string? configFile = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (!string.IsNullOrEmpty(configFile))
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new Tools.KioskConfigurationFileException(Text.Teks.ConfigFileMissing(path));
            }

            builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        ConfigureLogging(builder.Logging);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddKiosk(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Binds and checks every setting (types, ranges, the queue rules) without opening the database or a device, so a
    /// broken configuration stops any command before it does anything, with the key named and no host error log.
    /// </summary>
    public static void ValidateConfiguration(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<IOptions<KioskOptions>>().Value;
        QueueEngine.ValidateConfiguration(services.GetRequiredService<QueueEngineOptions>());
    }

    public static IServiceCollection AddKiosk(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KioskOptions>().Bind(configuration.GetSection(KioskOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KioskOptions>, KioskOptionsValidator>();
        services.AddSingleton<IValidateOptions<KioskOptions>>(_ => new KioskQueueConsistencyValidator(QueueSection(configuration)));
        services.AddSingleton(provider => QueueOptions(configuration, provider.GetRequiredService<IOptions<KioskOptions>>().Value));
        services.AddSingleton(provider => QueueEngine.Open(
            provider.GetRequiredService<QueueEngineOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<QueueEngine>()));
        services.AddSingleton(provider =>
        {
            var kiosk = provider.GetRequiredService<IOptions<KioskOptions>>().Value;
            return new KioskTopics(kiosk.Site.Id, kiosk.Mqtt.KioskId);
        });
        services.TryAddSingleton(_ => new SystemdNotifier());
        services.AddSingleton<LoopHeartbeats>();
        services.AddSingleton<KioskReadiness>();
        services.AddSingleton<OutboxSignal>();
        services.AddKioskDevices();
        services.AddSingleton<KioskSignals>();
        services.AddSingleton<TicketIssuer>();
        services.AddSingleton<KioskMqttConnection>();
        services.AddSingleton<CounterLogThrottle>();
        services.AddSingleton<BpjsRequestHandler>();

        // Hosted services start in this order and stop in reverse: the database first, the broker connection last.
        services.AddHostedService<KioskStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<KioskMqttConnection>());
        services.AddSingleton<PrinterSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<PrinterSupervisor>());
        services.AddHostedService<InputService>();
        services.AddSingleton<OutboxPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxPublisher>());
        services.AddHostedService<CounterCommandHandler>();
        services.AddHostedService<DayCloseService>();
        services.AddHostedService<SystemdWatchdogService>();
        return services;
    }

    /// <summary>The "Queue" section plus what the kiosk section decides for it: site, zone and where the database lives.</summary>
    public static QueueEngineOptions QueueOptions(IConfiguration configuration, KioskOptions kiosk)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(kiosk);
        var options = QueueSection(configuration);
        options.SiteId = kiosk.Site.Id;
        options.TimeZoneId = kiosk.Site.TimeZone;
        options.DatabasePath = Path.Combine(kiosk.DataDirectory, "kiosk.db");
        options.RetentionExportDirectory ??= Path.Combine(kiosk.DataDirectory, "arsip");
        return options;
    }

    /// <summary>Only what the "Queue" section says (services, counters, polis, rules).</summary>
    public static QueueEngineOptions QueueSection(IConfiguration configuration)
    {
        var options = new QueueEngineOptions();
        configuration.GetSection("Queue").Bind(options);
        return options;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();

        // Logs go to standard error, so `export` and `recap` can write their CSV to standard output cleanly.
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null || Environment.GetEnvironmentVariable("INVOCATION_ID") is not null)
        {
            // journald adds its own timestamps; the <N> prefix carries the log level into `journalctl -p`.
            logging.AddSystemdConsole(options => options.IncludeScopes = false);
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
