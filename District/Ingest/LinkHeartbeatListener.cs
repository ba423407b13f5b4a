using Kiosk.Contract;
using Kiosk.Contract.District;
using Kiosk.Contract.Json;
using Kiosk.District.Configuration;
using Kiosk.District.Health;
using Kiosk.District.Text;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Npgsql;

namespace Kiosk.District.Ingest;

/// <summary>
/// Keeps <c>link_status</c>: each site's newest link heartbeat (core NATS, not stored), stamped with the district's
/// clock so a site with a wrong clock is still judged fresh or cut correctly. A heartbeat that cannot be written is
/// dropped (the next one replaces it); one that cannot be read is logged and dropped.
/// </summary>
internal sealed partial class LinkHeartbeatListener(
    INatsConnection nats,
    NpgsqlDataSource database,
    DistrictHealth health,
    DistrictChanges changes,
    TimeProvider time,
    IOptions<DistrictOptions> settings,
    ILogger<LinkHeartbeatListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(settings.Value.RetryMax);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in nats.SubscribeAsync<byte[]>(DistrictSubjects.AnyLink, cancellationToken: stoppingToken).ConfigureAwait(false))
                {
                    backoff.Reset();
                    await HandleAsync(message.Subject, message.Data ?? [], stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException || (ex is OperationCanceledException && stoppingToken.IsCancellationRequested))
            {
                // The host is stopping or gone.
                return;
            }
            catch (Exception ex)
            {
                // The ingest loop owns the cluster's health line; here only wait and subscribe again.
                LogSubscribeFailed(logger, ex);
                await Task.Delay(backoff.Next(), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    internal async Task HandleAsync(string subject, byte[] payload, CancellationToken cancellationToken)
    {
        if (Read(subject, payload) is not { } heartbeat)
        {
            return;
        }

        try
        {
            await using var batch = database.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO sites (site) VALUES ($1) ON CONFLICT (site) DO NOTHING") { Parameters = { new() { Value = heartbeat.Site } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO link_status (site, site_broker_connected, last_forwarded_sequence, site_sequence, heartbeat_seconds, sent_at, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (site) DO UPDATE SET site_broker_connected = EXCLUDED.site_broker_connected,
                    last_forwarded_sequence = EXCLUDED.last_forwarded_sequence, site_sequence = EXCLUDED.site_sequence,
                    heartbeat_seconds = EXCLUDED.heartbeat_seconds, sent_at = EXCLUDED.sent_at, received_at = EXCLUDED.received_at
                """)
            {
                Parameters =
                {
                    new() { Value = heartbeat.Site },
                    new() { Value = heartbeat.SiteBrokerConnected },
                    new() { Value = (object?)heartbeat.LastForwardedSequence ?? DBNull.Value },
                    new() { Value = (object?)heartbeat.SiteSequence ?? DBNull.Value },
                    new() { Value = heartbeat.HeartbeatSeconds },
                    new() { Value = heartbeat.SentAt.ToUniversalTime() },
                    new() { Value = time.GetUtcNow().ToUniversalTime() },
                },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            health.DatabaseAnswered();
            changes.Publish([heartbeat.Site]);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ObjectDisposedException)
        {
            health.DatabaseFailed(ex);
        }
    }

    private LinkHeartbeat? Read(string subject, byte[] payload)
    {
        string? reason;
        LinkHeartbeat? heartbeat = null;
        if (!DistrictSubjects.TryParse(subject, out var parsed) || parsed.Kind != DistrictSubjectKind.Link)
        {
            reason = IngestTeks.UnknownSubject;
        }
        else if (payload.Length == 0)
        {
            reason = IngestTeks.Empty;
        }
        else if (payload.Length > settings.Value.MaxMessageBytes)
        {
            reason = IngestTeks.TooLarge(payload.Length, settings.Value.MaxMessageBytes);
        }
        else
        {
            try
            {
                heartbeat = ContractJson.Deserialize<LinkHeartbeat>(payload);
                reason = !ContractVersion.IsSupported(heartbeat.ContractVersion) ? IngestTeks.UnknownVersion(heartbeat.ContractVersion)
                    : heartbeat.Site != parsed.Site ? IngestTeks.ForgedSite(heartbeat.Site, parsed.Site)
                    : heartbeat.HeartbeatSeconds is < 1 or > 86_400 ? IngestTeks.NotContract("$.heartbeatSeconds")
                    : null;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
            {
                reason = IngestTeks.NotJson;
            }
        }

        if (reason is null)
        {
            return heartbeat;
        }

        LogDropped(logger, IngestTeks.HeartbeatDropped(subject, reason));
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogDropped(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link heartbeat subscription ended; subscribing again")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
