using Kiosk.DistrictLink.Configuration;
using Kiosk.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;

namespace Kiosk.DistrictLink.Forwarding;

/// <summary>
/// Moves the site's events and kiosk status from its Mosquitto into the district's JetStream stream: for each message,
/// publish with its de-duplication id, wait for JetStream's acknowledgement (stored R3), and only then send the MQTT
/// PUBACK. A crash anywhere in between leaves the message in the link's persistent session, so Mosquitto delivers it
/// again and the stream's duplicate window drops the second copy: nothing is lost, nothing is stored twice.
/// </summary>
public sealed partial class DistrictForwarder(
    IMqttClient mqtt,
    INatsJSContext jetStream,
    LinkRoutes routes,
    LinkProgress progress,
    IOptions<DistrictLinkOptions> options,
    TimeProvider time,
    ILogger<DistrictForwarder> logger) : BackgroundService
{
    private readonly DistrictLinkOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await mqtt.StartAsync(stoppingToken).ConfigureAwait(false);

        // Events and status at QoS 1 into the persistent session: they wait there while the link or the district is
        // down. The retained state at QoS 0: it is read only for the backlog figure and only the newest matters, so a
        // snapshot per event (tens of KiB each on a busy day) must not fill the session's queue that the events need.
        var results = await mqtt.SubscribeAsync(
            [
                new MqttTopicFilter(routes.EventsFilter, MqttQos.AtLeastOnce),
                new MqttTopicFilter(routes.StatusFilter, MqttQos.AtLeastOnce),
                new MqttTopicFilter(routes.StateFilter, MqttQos.AtMostOnce),
            ],
            stoppingToken).ConfigureAwait(false);
        foreach (var refused in results.Where(r => !r.Succeeded))
        {
            LogSubscriptionRefused(refused.Filter);
        }

        progress.SubscriptionsMade();
        LogSubscribed(routes.Site, results.Count(r => r.Succeeded));

        // One message at a time, in arrival order, never pipelined: the stream must hold a site's events in its sequence
        // order, and with several publishes in flight a retried one would land behind a later one. MQTT PUBACKs must
        // also go in arrival order (3.1.1 4.6), and the next PUBACK may only follow its own message's JetStream ack.
        await foreach (var message in mqtt.Messages.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await HandleAsync(message, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task HandleAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        switch (routes.Decide(message.Topic, message.Payload.Span))
        {
            case LinkDecision.Forward forward:
                if (forward.Unreadable is { } why)
                {
                    LogUnreadable(message.Topic, forward.MessageId, why);
                }

                await PublishUntilStoredAsync(forward, message.Payload, stoppingToken).ConfigureAwait(false);
                progress.Stored(forward.EventSequence);
                break;
            case LinkDecision.SiteState state:
                if (state.Sequence is { } sequence)
                {
                    progress.SiteAt(sequence);
                }

                break;
            case LinkDecision.Drop drop:
                LogDropped(message.Topic, drop.Reason);
                break;
        }

        message.Acknowledge();
    }

    /// <summary>
    /// Publishes until JetStream acknowledges the message as stored: a timeout, no responders (no stream leader), a lost
    /// quorum or a dropped connection is waited out with a doubling back-off, never skipped (skipping would acknowledge
    /// a message the district never got). Only the host stopping ends the wait, and then nothing is acknowledged.
    /// </summary>
    private async Task PublishUntilStoredAsync(LinkDecision.Forward forward, ReadOnlyMemory<byte> payload, CancellationToken stoppingToken)
    {
        var bytes = payload.ToArray();
        var publishOptions = new NatsJSPubOpts { MsgId = forward.MessageId };
        var delay = TimeSpan.FromMilliseconds(settings.RetryMinMilliseconds);
        var maxDelay = TimeSpan.FromSeconds(settings.RetryMaxSeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(settings.Nats.AckTimeoutSeconds));
                var ack = await jetStream.PublishAsync(forward.Subject, bytes, opts: publishOptions, cancellationToken: timeout.Token).ConfigureAwait(false);
                try
                {
                    ack.EnsureSuccess();
                }
                catch (NatsJSDuplicateMessageException)
                {
                    // Stored already by an earlier attempt or an earlier run of the link (killed before its PUBACK):
                    // exactly the resend the id exists for, so it counts as stored.
                    LogDuplicate(forward.MessageId);
                }

                if (attempt > 1)
                {
                    LogStoredAfterRetries(forward.MessageId, attempt);
                }

                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPublishFailed(e, forward.Subject, forward.MessageId, attempt, delay.TotalMilliseconds);
            }

            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The site broker refused the subscription to {Filter}: check the bridge user's ACL")]
    private partial void LogSubscriptionRefused(string filter);

    [LoggerMessage(Level = LogLevel.Information, Message = "District link of {Site} subscribed ({Filters} filters); forwarding to JetStream")]
    private partial void LogSubscribed(string site, int filters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payload on {Topic} does not read as the contract ({Reason}); forwarded as {MessageId} so the district stores it aside")]
    private partial void LogUnreadable(string topic, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Topic}: {Reason}")]
    private partial void LogDropped(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JetStream did not store {Subject} {MessageId} (attempt {Attempt}); retrying in {DelayMs} ms")]
    private partial void LogPublishFailed(Exception exception, string subject, string messageId, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "JetStream already held {MessageId}; acknowledged as stored")]
    private partial void LogDuplicate(string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "JetStream stored {MessageId} after {Attempt} attempts")]
    private partial void LogStoredAfterRetries(string messageId, int attempt);
}
