using Kiosk.Bpjs.Outbox;
using Kiosk.Contract.Reading;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// Reads the site's events from its Mosquitto (persistent session, QoS 1, manual PUBACK) and turns each into at most one
/// stored report: map, commit to the outbox (fsynced), and only then PUBACK. A crash anywhere before the PUBACK leaves
/// the event in the bridge's session, so Mosquitto delivers it again and the outbox, unique by event id, adds nothing.
/// An unreadable payload is a logged drop, still acknowledged: it must not hold up the events behind it.
/// </summary>
public sealed partial class EventReader(
    IMqttClient mqtt,
    SiteTopics topics,
    ReportMapper mapper,
    ReportOutbox outbox,
    OutboxSignal signal,
    BridgeProgress progress,
    ILogger<EventReader> logger) : BackgroundService
{
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    /// <summary>Runs after the outbox commit and before the PUBACK: the tests end the bridge there, as a crash would.</summary>
    internal Func<CancellationToken, Task>? AfterCommit { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await mqtt.StartAsync(stoppingToken).ConfigureAwait(false);
        var results = await mqtt.SubscribeAsync([new MqttTopicFilter(topics.Events, MqttQos.AtLeastOnce)], stoppingToken).ConfigureAwait(false);
        if (results.Any(r => !r.Succeeded))
        {
            LogSubscriptionRefused(topics.Events);
        }
        else
        {
            progress.SubscriptionMade();
            LogSubscribed(topics.Site);
        }

        // One message at a time in arrival order: the outbox keeps a ticket's reports in the order stored, and MQTT
        // PUBACKs go in arrival order (3.1.1 4.6), each only after its own message's commit.
        await foreach (var message in mqtt.Messages.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await HandleAsync(message, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task HandleAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        if (!string.Equals(message.Topic, topics.Events, StringComparison.Ordinal))
        {
            LogDropped(message.Topic, "not the site's events topic");
        }
        else if (!WireReader.TryReadEvent(message.Payload.Span, out var envelope))
        {
            LogDropped(message.Topic, $"{message.Payload.Length} bytes that do not read as an event of the contract");
        }
        else
        {
            switch (mapper.Map(envelope))
            {
                case MapDecision.Report report:
                    var result = await StoreAsync(report.Planned, stoppingToken).ConfigureAwait(false);
                    LogStored(report.Planned.Kind, report.Planned.TicketNumber, envelope.Sequence, result);
                    if (result is AddResult.Added)
                    {
                        signal.Set();
                    }

                    break;
                case MapDecision.Skip skip:
                    LogNothing(envelope.Sequence, skip.Why);
                    break;
            }
        }

        if (AfterCommit is { } hook)
        {
            await hook(stoppingToken).ConfigureAwait(false);
        }

        message.Acknowledge();
    }

    /// <summary>
    /// Stores until the commit succeeds: a full or failing disk is waited out, never skipped (skipping would PUBACK an
    /// event whose report is lost). Only the host stopping ends the wait, and then nothing is acknowledged.
    /// </summary>
    private async Task<AddResult> StoreAsync(PlannedReport planned, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return outbox.Add(planned);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LogStoreFailed(e, planned.EventId);
            }

            await Task.Delay(StoreRetry, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The site broker refused the subscription to {Filter}: check the bpjs user's ACL")]
    private partial void LogSubscriptionRefused(string filter);

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS bridge of {Site} subscribed to the events; reporting to BPJS")]
    private partial void LogSubscribed(string site);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Topic}: {Reason}")]
    private partial void LogDropped(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Sequence}: nothing for BPJS ({Why})")]
    private partial void LogNothing(long sequence, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Kind} of ticket {Ticket} from event {Sequence}: {Result}")]
    private partial void LogStored(ReportKind kind, string ticket, long sequence, AddResult result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the report of event {EventId}; retrying, the event stays unacknowledged")]
    private partial void LogStoreFailed(Exception exception, Guid eventId);
}
