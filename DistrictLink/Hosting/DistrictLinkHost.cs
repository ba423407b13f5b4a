using Kiosk.Contract.District;
using Kiosk.Contract.Topics;
using Kiosk.DistrictLink.Configuration;
using Kiosk.DistrictLink.Forwarding;
using Kiosk.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Kiosk.DistrictLink.Hosting;

/// <summary>Builds the link's host: systemd runs it through Program, tests and ./kiosk.sh district in-process.</summary>
public static class DistrictLinkHost
{
    /// <summary>Exit code of a bad configuration (EX_CONFIG): the unit's RestartPreventExitStatus stops the restart loop.</summary>
    public const int ConfigurationExitCode = 78;

    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        configure?.Invoke(builder);
        var services = builder.Services;
        services.AddOptions<DistrictLinkOptions>().Bind(builder.Configuration.GetSection(DistrictLinkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DistrictLinkOptions>, DistrictLinkOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LinkProgress>();
        services.AddSingleton(sp => new LinkRoutes(Settings(sp).Site));
        services.AddSingleton<IMqttClient>(sp => new MqttClient(SiteBroker(Settings(sp)), sp.GetRequiredService<ILogger<MqttClient>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<INatsConnection>(sp => new NatsConnection(Nats(Settings(sp), sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<INatsJSContext>(sp => new NatsJSContext((NatsConnection)sp.GetRequiredService<INatsConnection>()));
        services.AddHostedService<DistrictForwarder>();
        services.AddHostedService<LinkHeartbeatService>();
        return builder.Build();
    }

    internal static MqttClientOptions SiteBroker(DistrictLinkOptions options) => new()
    {
        Host = options.Mqtt.Host,
        Port = options.Mqtt.Port,
        ClientId = ClientIds.DistrictLink(options.Site),
        Username = options.Mqtt.Username,
        Password = options.Mqtt.Password,
        // The session (subscriptions and the queue of unacknowledged events) outlives the link: a restart or a crash
        // takes it back, and PUBACK goes out only after JetStream stored the message.
        CleanSession = false,
        ManualAcknowledgement = true,
        KeepAlive = TimeSpan.FromSeconds(options.Mqtt.KeepAliveSeconds),
    };

    internal static NatsOpts Nats(DistrictLinkOptions options, ILoggerFactory loggerFactory) => NatsOpts.Default with
    {
        Url = string.Join(',', options.Nats.UrlList),
        Name = ClientIds.DistrictLink(options.Site),
        AuthOpts = NatsAuthOpts.Default with { Username = options.Nats.User, Password = options.Nats.Password },
        // The site's user may read acks only below its own inbox prefix.
        InboxPrefix = DistrictSubjects.SiteInbox(options.Site),
        ConnectTimeout = DistrictConnection.ConnectTimeout,
        TlsOpts = string.IsNullOrEmpty(options.Nats.CaFile) ? NatsTlsOpts.Default : NatsTlsOpts.Default with { CaFile = options.Nats.CaFile },
        // A Puskesmas link may be down when the link starts: keep trying instead of failing the service.
        RetryOnInitialConnect = true,
        MaxReconnectRetry = -1,
        LoggerFactory = loggerFactory,
    };

    private static DistrictLinkOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<DistrictLinkOptions>>().Value;
}
