using Kiosk.Bpjs.Configuration;
using Kiosk.Bpjs.Cards;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Status;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Bpjs.Hosting;

/// <summary>Builds the bridge's host: systemd runs it through Program, the tests in-process.</summary>
public static class BpjsHost
{
    /// <summary>Exit code of a bad configuration (EX_CONFIG): the unit's RestartPreventExitStatus stops the restart loop.</summary>
    public const int ConfigurationExitCode = 78;

    /// <summary>
    /// <c>bpjs-{site}</c>: the bridge's persistent session under the <c>bpjs</c> user, where the site's events wait while
    /// the bridge is down. Fixed per site so a restarted bridge takes its queue back.
    /// </summary>
    public static string ClientId(string site) => ClientIds.Bpjs(site);

    /// <summary>
    /// The host. <paramref name="configure"/> runs before the bridge's own registrations and may put in its own
    /// <see cref="IAntreanFktpClient"/>, <see cref="ICardNumberSource"/> or <see cref="TimeProvider"/>; otherwise
    /// BPJS is reached over HTTP (<see cref="AntreanFktpClient"/>) and the card is asked of the kiosk over MQTT. Start order: the sender first (it drains what
    /// the outbox kept from before a restart), then the reader (new events); stop is the reverse.
    /// </summary>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        configure?.Invoke(builder);
        var services = builder.Services;
        services.AddOptions<BpjsOptions>().Bind(builder.Configuration.GetSection(BpjsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BpjsOptions>, BpjsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BridgeProgress>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(sp => new SiteTopics(Settings(sp).Site));
        services.AddSingleton(sp => new ReportMapper(Settings(sp).PoliByService()));
        services.AddSingleton(sp => ReportOutbox.Open(Settings(sp).OutboxPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RetrySchedule(
            TimeSpan.FromSeconds(Settings(sp).RetryMinSeconds), TimeSpan.FromSeconds(Settings(sp).RetryMaxSeconds)));
        // The MQTT client keeps its own wall clock: its keep-alive and reconnect timers are about the real socket, and a
        // test's fake clock (which drives the retry schedule) must not freeze them.
        services.AddSingleton<IMqttClient>(sp => new MqttClient(SiteBroker(Settings(sp)), sp.GetRequiredService<ILogger<MqttClient>>(), TimeProvider.System));
        // BPJS over HTTP unless the caller put in its own (a test's recorder): one HttpClient for the bridge's life.
        services.TryAddSingleton(sp =>
        {
            var settings = Settings(sp);
            return new AntreanFktpClient(
                new HttpClient(),
                new AntreanFktpOptions { BaseUrl = new Uri(settings.BaseUrl), ConsId = settings.ConsId, Secret = settings.Secret, UserKey = settings.UserKey },
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IAntreanFktpClient>(sp => sp.GetRequiredService<AntreanFktpClient>());
        // The card is asked of the kiosk over MQTT (its own connection as the bpjs user) unless a test put in its own.
        services.TryAddSingleton<ICardNumberSource>(sp =>
        {
            var settings = Settings(sp);
            var options = KioskCardSource.ClientOptions(settings.Mqtt.Host, settings.Mqtt.Port, settings.Site, settings.Mqtt.ReadPassword());
            // The kiosk answers from memory in milliseconds: its deadline is real time, even under a test's fake clock.
            return new KioskCardSource(
                new MqttClient(options, sp.GetRequiredService<ILogger<MqttClient>>(), TimeProvider.System),
                sp.GetRequiredService<SiteTopics>(), KioskCardSource.DefaultTimeout, TimeProvider.System, sp.GetRequiredService<ILogger<KioskCardSource>>());
        });
        services.AddHostedService<KioskCardSourceService>();
        services.AddSingleton<ReportSender>();
        services.AddSingleton<EventReader>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportSender>());
        services.AddHostedService(sp => sp.GetRequiredService<EventReader>());
        // What the lokets and the technician see of the bridge (issue 24, part 2): after the reader, which connects.
        services.AddSingleton<BridgeStatusPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<BridgeStatusPublisher>());
        return builder.Build();
    }

    internal static MqttClientOptions SiteBroker(BpjsOptions options) => new()
    {
        Host = options.Mqtt.Host,
        Port = options.Mqtt.Port,
        ClientId = ClientId(options.Site),
        Username = options.Mqtt.Username,
        Password = options.Mqtt.ReadPassword(),
        // The session (the subscription and the events not yet acknowledged) outlives the bridge: a restart or a crash
        // takes it back, and PUBACK goes out only after the outbox commit.
        CleanSession = false,
        ManualAcknowledgement = true,
        KeepAlive = TimeSpan.FromSeconds(options.Mqtt.KeepAliveSeconds),
    };

    private static BpjsOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<BpjsOptions>>().Value;
}
