using Kiosk.Contract;
using Kiosk.Contract.Json;
using Kiosk.Contract.Status;
using Kiosk.Contract.Topics;
using Kiosk.Device.Configuration;
using Kiosk.Device.Messaging;
using Kiosk.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Publishing;

/// <summary>
/// The kiosk's one broker connection. It carries a retained last will ("offline"), publishes the retained kiosk
/// status on every (re)connect and on every printer change, and subscribes to every counter's command topic.
/// A persistent session (fixed client id, clean session off) keeps counter commands the broker queued while the kiosk was away.
/// </summary>
public sealed partial class KioskMqttConnection : IHostedService, IAsyncDisposable
{
    private readonly KioskOptions options;
    private readonly ILogger<KioskMqttConnection> logger;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly TimeZoneInfo zone;
    private readonly CancellationTokenSource heartbeatStop = new();
    private KioskStatus status;
    private Task heartbeat = Task.CompletedTask;
    private int subscribed;
    private int disposed;

    public KioskMqttConnection(IOptions<KioskOptions> options, KioskTopics topics, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        this.options = options.Value;
        this.time = time;
        Topics = topics;
        logger = loggers.CreateLogger<KioskMqttConnection>();
        var mqtt = this.options.Mqtt;
        zone = TimeZoneInfo.FindSystemTimeZoneById(this.options.Site.TimeZone);
        status = new KioskStatus
        {
            KioskId = mqtt.KioskId,
            Online = true,
            Printer = PrinterCondition.Unknown,
            Message = "Kiosk menyala",
            UnprintedTickets = 0,
            At = Now(),
            HeartbeatSeconds = (int)StatusHeartbeat.TotalSeconds,
        };
        Client = new MqttClient(
            new MqttClientOptions
            {
                Host = mqtt.Host,
                Port = mqtt.Port,
                ClientId = ClientIds.Kiosk(this.options.Site.Id, mqtt.KioskId),
                Username = mqtt.Username,
                Password = mqtt.Password,
                CleanSession = false,
                KeepAlive = TimeSpan.FromSeconds(mqtt.KeepAliveSeconds),
                Will = new MqttApplicationMessage(topics.KioskStatus, Serialize(KioskStatus.Offline(mqtt.KioskId, Now(), Text.Teks.Petugas.KioskOffline)), MqttQos.AtLeastOnce, Retain: true),
                Tls = mqtt.UseTls
                    ? new MqttTlsOptions
                    {
                        CaCertificatePath = NullIfEmpty(mqtt.CaCertificateFile),
                        ClientCertificatePath = NullIfEmpty(mqtt.ClientCertificateFile),
                        ClientKeyPath = NullIfEmpty(mqtt.ClientKeyFile),
                        ServerName = NullIfEmpty(mqtt.ServerName),
                    }
                    : null,
                // The broker runs on the same Pi or LAN: after its restart the kiosk must be back within seconds, not
                // the 30 s an internet client would wait (the retained status says "online" meanwhile).
                ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
                ReconnectMaxDelay = ReconnectMaxDelay,
                // A command is acknowledged to the broker only once its result is committed (CounterCommandHandler).
                ManualAcknowledgement = true,
                MaxPacketSize = MaxCommandPacketSize,
            },
            loggers.CreateLogger<MqttClient>(),
            time);
        Client.StateChanged += OnStateChanged;
    }

    /// <summary>Longest wait between reconnect attempts to the site broker.</summary>
    public static readonly TimeSpan ReconnectMaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The retained status is published again this often while connected, so its <c>at</c> tells a reader whether the
    /// kiosk is really there: a status older than two heartbeats is stale (the README's message contract).
    /// </summary>
    public static readonly TimeSpan StatusHeartbeat = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The kiosk only receives counter commands, a few hundred bytes each: anything over 64 KiB is dropped (and
    /// acknowledged, so it never comes back) by the client instead of costing the connection.
    /// </summary>
    public const int MaxCommandPacketSize = 64 * 1024;

    public IMqttClient Client { get; }

    public KioskTopics Topics { get; }

    public bool IsConnected => Client.State == MqttConnectionState.Connected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Client.StartAsync(cancellationToken);
        heartbeat = HeartbeatAsync(heartbeatStop.Token);
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(StatusHeartbeat, time, stop);
                await PublishStatusAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await heartbeatStop.CancelAsync();
        await heartbeat;

        // A clean stop says "offline" itself: a graceful DISCONNECT suppresses the last will.
        if (IsConnected)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await Client.PublishAsync(new MqttApplicationMessage(Topics.KioskStatus, Serialize(KioskStatus.Offline(options.Mqtt.KioskId, Now(), "Kiosk dimatikan")), MqttQos.AtLeastOnce, Retain: true), timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MqttNotConnectedException)
            {
                LogOfflineNotSent(logger);
            }
        }

        await Client.StopAsync(cancellationToken);
    }

    /// <summary>Updates the retained kiosk status (printer state, unprinted tickets) and publishes it when connected.</summary>
    public void UpdateStatus(PrinterCondition printer, string message, int unprintedTickets)
    {
        lock (gate)
        {
            var next = status with { Printer = printer, Message = message, UnprintedTickets = unprintedTickets };
            if (next == status)
            {
                return;
            }

            status = next;
        }

        _ = PublishStatusAsync();
    }

    public KioskStatus CurrentStatus
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    /// <summary>Idempotent: the container disposes this once as a singleton and once as the hosted service it also is.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await heartbeatStop.CancelAsync();
        await heartbeat;
        heartbeatStop.Dispose();
        await Client.DisposeAsync();
    }

    private void OnStateChanged(object? sender, MqttConnectionStateChangedEventArgs change)
    {
        LogState(logger, change.OldState, change.NewState, change.Reason, change.SessionPresent);
        if (change.NewState != MqttConnectionState.Connected)
        {
            return;
        }

        _ = PublishStatusAsync();
        if (Interlocked.Exchange(ref subscribed, 1) == 0 || !change.SessionPresent)
        {
            _ = SubscribeAsync();
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            // Counter commands, and the BPJS bridge's questions (BpjsRequestHandler): both wait in this persistent session.
            var results = await Client.SubscribeAsync(
                [new MqttTopicFilter(Topics.AllCommands, MqttQos.AtLeastOnce), new MqttTopicFilter(Topics.Tree.BpjsRequest, MqttQos.AtLeastOnce)],
                CancellationToken.None);
            foreach (var result in results.Where(r => !r.Succeeded))
            {
                LogSubscribeRefused(logger, result.Filter);
            }
        }
        catch (Exception ex) when (ex is MqttNotConnectedException or OperationCanceledException or IOException or MqttProtocolException)
        {
            // The connection dropped again; the next Connected event subscribes anew.
            Interlocked.Exchange(ref subscribed, 0);
            LogSubscribeFailed(logger, ex.Message);
        }
    }

    private async Task PublishStatusAsync()
    {
        if (!IsConnected)
        {
            return;
        }

        var message = CurrentStatus with { Online = true, At = Now() };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Client.PublishAsync(new MqttApplicationMessage(Topics.KioskStatus, Serialize(message), MqttQos.AtLeastOnce, Retain: true), timeout.Token);
        }
        catch (Exception ex) when (ex is MqttNotConnectedException or OperationCanceledException)
        {
            // Published again on the next connect: the status is a snapshot, not a history.
        }
    }

    private static byte[] Serialize(KioskStatus message) => ContractJson.SerializeToUtf8Bytes(message);

    /// <summary>Every timestamp on the wire carries the site's offset (WIB, WITA, WIT) and whole milliseconds, the status's too.</summary>
    private DateTimeOffset Now()
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        return new DateTimeOffset(local.Ticks - (local.Ticks % TimeSpan.TicksPerMillisecond), local.Offset);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker connection {Old} -> {New} ({Reason}, session present: {SessionPresent})")]
    private static partial void LogState(ILogger logger, MqttConnectionState old, MqttConnectionState @new, string reason, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker refused the subscription to {Filter}: check the kiosk user's ACL")]
    private static partial void LogSubscribeRefused(ILogger logger, string filter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to counter commands failed, will retry on reconnect: {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the offline status before stopping; the broker keeps the last online status")]
    private static partial void LogOfflineNotSent(ILogger logger);
}
