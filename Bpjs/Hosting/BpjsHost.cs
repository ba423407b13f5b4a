using Kiosk.Bpjs.Booking;
using Kiosk.Bpjs.Configuration;
using Kiosk.Bpjs.Cards;
using Kiosk.Bpjs.Fktp;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.References;
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
    /// BPJS is reached over HTTP (<see cref="AntreanFktpClient"/>) and the card is asked of the kiosk over MQTT. Start order: the kiosk channel (when something
    /// asks the kiosk), the sender (it drains what the outbox kept from before a restart), the reader (new events), then
    /// the FKTP service Mobile JKN calls (when <c>Bpjs__Fktp__Urls</c> is set); stop is the reverse.
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
        services.AddSingleton(sp => MobileJknBookings.Open(Settings(sp).OutboxPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ReportMapper(Settings(sp).PoliByService(), sp.GetRequiredService<MobileJknBookings>().PoliOf));
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
        services.TryAddSingleton<IAntreanFktpReferensi>(sp => sp.GetRequiredService<AntreanFktpClient>());
        // The day's poli and doctor lists, kept in the outbox's file (its own connection) so a restart offline has them.
        services.AddSingleton(sp => ReferenceStore.Open(Settings(sp).OutboxPath));
        services.AddSingleton(sp => new BpjsReferences(
            sp.GetRequiredService<IAntreanFktpReferensi>(), sp.GetRequiredService<ReferenceStore>(), Settings(sp).PoliByService(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BpjsReferences>>()));
        // The kiosk is asked over MQTT (one connection as the bpjs user, shared by the cards and the Mobile JKN bookings)
        // unless a test put in its own card source; the connection exists only when something uses it.
        services.AddSingleton(sp =>
        {
            var settings = Settings(sp);
            var options = KioskCardSource.ClientOptions(settings.Mqtt.Host, settings.Mqtt.Port, settings.Site, settings.Mqtt.ReadPassword());
            // The kiosk answers from memory in milliseconds: its deadlines are real time, even under a test's fake clock.
            return new KioskRequestChannel(
                new MqttClient(options, sp.GetRequiredService<ILogger<MqttClient>>(), TimeProvider.System),
                sp.GetRequiredService<SiteTopics>(), TimeProvider.System, sp.GetRequiredService<ILogger<KioskRequestChannel>>());
        });
        services.TryAddSingleton<ICardNumberSource>(sp =>
            new KioskCardSource(sp.GetRequiredService<KioskRequestChannel>(), KioskCardSource.DefaultTimeout, sp.GetRequiredService<ILogger<KioskCardSource>>()));
        services.AddHostedService<KioskCardSourceService>();
        services.AddSingleton<ReportSender>();
        services.AddSingleton<EventReader>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportSender>());
        services.AddHostedService(sp => sp.GetRequiredService<EventReader>());
        services.AddHostedService<ReferenceRefresher>();
        // Mobile JKN's calls (the FKTP side of Antrean FKTP): off unless Bpjs__Fktp__Urls is set; last to start
        // (the kiosk channel it asks through started above) and first to stop, so no call is half-answered at stop.
        services.AddOptions<FktpOptions>().Bind(builder.Configuration.GetSection(FktpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FktpOptions>, FktpOptionsValidator>();
        services.AddSingleton<FktpServiceFactory>();
        services.AddSingleton<FktpServer>();
        // Off, it is not even a hosted service: ASP.NET Core's and Kestrel's assemblies then never load (Bpjs.Bench: 3-4
        // MiB of the bridge's RSS, 91 -> 87 MiB); the settings are all in the configuration by now (configure ran first).
        if (new FktpOptions { Urls = builder.Configuration[$"{FktpOptions.Section}:{nameof(FktpOptions.Urls)}"] ?? string.Empty }.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<FktpServer>());
        }
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
        Will = BridgeLastWill.Message(new SiteTopics(options.Site), TimeProvider.System.GetUtcNow()),
    };

    private static BpjsOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<BpjsOptions>>().Value;
}
