using Kiosk.Mqtt;
using Kiosk.Screens.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Sessions;

/// <summary>Makes the host's MQTT clients: one per logged-in loket, one for the display, all to the same broker.</summary>
public sealed class MqttSessionFactory(IOptions<ScreensOptions> options, ILoggerFactory loggers)
{
    private readonly ScreensOptions settings = options.Value;

    public MqttClient Create(string username, string password, ILogger<MqttClient>? logger = null) => new(new MqttClientOptions
    {
        Host = settings.MqttHost,
        Port = settings.MqttPort,

        // A fresh id per session: two PCs logged in as the same loket must not push each other off the broker.
        ClientId = $"screens-{username}-{Guid.NewGuid():N}"[..40],
        Username = username,
        Password = password,
        CleanSession = true,
        KeepAlive = TimeSpan.FromSeconds(settings.KeepAliveSeconds),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    }, logger ?? loggers.CreateLogger<MqttClient>());

    /// <summary>The logger a client normally gets; a login attempt wraps it in a <see cref="LoginAttemptLogger"/>.</summary>
    public ILogger<MqttClient> ClientLogger() => loggers.CreateLogger<MqttClient>();
}
