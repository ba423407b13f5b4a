using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Reporting;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Status;

/// <summary>
/// Publishes the bridge's status, retained at QoS 1 on <c>queue/{site}/bpjs/status</c>: once the bridge is on the site's
/// broker, then whenever what it says changes. It looks at the outbox once a second, so a burst of reports (a morning's
/// backlog draining) gives at most one status a second and the last one always goes out. On every reconnect it publishes
/// again whatever it says: while the bridge was away the broker may have put its last will ("not running") in its place.
/// A clean stop says "not running" itself, since the DISCONNECT it ends with suppresses the will.
/// </summary>
public sealed partial class BridgeStatusPublisher(
    ReportOutbox outbox,
    IMqttClient mqtt,
    SiteTopics topics,
    BridgeProgress progress,
    TimeProvider time,
    ILogger<BridgeStatusPublisher> logger) : BackgroundService
{
    /// <summary>How often the outbox is looked at, and so the most a status is published.</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromSeconds(1);

    /// <summary>How long a clean stop waits for the broker to take the "not running" status.</summary>
    public static readonly TimeSpan OfflineAtStopWait = TimeSpan.FromSeconds(3);

    private BpjsBridgeStatus? published;

    /// <summary>1 when the client (re)connected since the last publish: the broker may hold the will, not our status.</summary>
    private int reconnected;

    /// <summary>
    /// The site's offset for <see cref="BpjsBridgeStatus.At"/>, as the outbox's event times carry it (the kiosk stamps
    /// its events in the site's zone; the bridge has no zone setting of its own). UTC until the first event is known.
    /// </summary>
    private TimeSpan siteOffset = TimeSpan.Zero;

    /// <summary>The last status the broker acknowledged (the tests and the log read it).</summary>
    public BpjsBridgeStatus? Published => published;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The pace is real time, like the MQTT client's timers: a test's fake clock drives retries and the status's own
        // time, and must not freeze what the officer sees.
        using var pace = new PeriodicTimer(Pace, TimeProvider.System);
        mqtt.StateChanged += OnStateChanged;
        try
        {
            do
            {
                if (progress.Subscribed)
                {
                    await PublishIfChangedAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            while (await pace.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        finally
        {
            mqtt.StateChanged -= OnStateChanged;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (mqtt.State != MqttConnectionState.Connected)
        {
            // The broker publishes the will once the connection is gone.
            return;
        }

        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(OfflineAtStopWait);
            await mqtt.PublishAsync(BridgeLastWill.Message(topics, time.GetUtcNow().ToOffset(siteOffset)), wait.Token).ConfigureAwait(false);
            published = null;
            LogOfflineAtStop();
        }
        catch (Exception e) when (e is OperationCanceledException or MqttNotConnectedException or IOException)
        {
            LogOfflineAtStopFailed(e);
        }
    }

    private void OnStateChanged(object? sender, MqttConnectionStateChangedEventArgs change)
    {
        if (change.NewState == MqttConnectionState.Connected)
        {
            Interlocked.Exchange(ref reconnected, 1);
        }
    }

    /// <summary>Composes the status and publishes it when it says something new; true when it published.</summary>
    internal async Task<bool> PublishIfChangedAsync(CancellationToken stoppingToken)
    {
        BpjsBridgeStatus status;
        try
        {
            var backlog = outbox.Backlog();
            var refused = outbox.RefusedTickets();
            siteOffset = backlog.OldestSince?.Offset ?? (refused.Count > 0 ? refused[^1].OccurredAt.Offset : siteOffset);
            status = BridgeStatusComposer.Compose(backlog, refused, time.GetUtcNow().ToOffset(siteOffset));
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogOutboxUnreadable(e);
            return false;
        }

        var again = Interlocked.Exchange(ref reconnected, 0) == 1;
        if (!again && BridgeStatusComposer.SameContent(published, status))
        {
            return false;
        }

        try
        {
            // QoS 1 stays in the client's session through a reconnect: the wait ends at the broker's PUBACK.
            await mqtt.PublishAsync(new MqttApplicationMessage(topics.BpjsStatus, ContractJson.SerializeToUtf8Bytes(status), MqttQos.AtLeastOnce, Retain: true), stoppingToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            if (again)
            {
                Interlocked.Exchange(ref reconnected, 1);
            }

            LogPublishFailed(e);
            return false;
        }

        published = status;
        LogPublished(status.Backlog, status.RefusedToday);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS bridge status published: {Backlog} reports waiting, {Refused} tickets refused today")]
    private partial void LogPublished(int backlog, int refused);

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS bridge status at stop: not running")]
    private partial void LogOfflineAtStop();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The not-running status could not be published at stop; the broker keeps the last status")]
    private partial void LogOfflineAtStopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The BPJS bridge status could not be published; tried again in a second")]
    private partial void LogPublishFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read for the bridge status; tried again in a second")]
    private partial void LogOutboxUnreadable(Exception exception);
}
