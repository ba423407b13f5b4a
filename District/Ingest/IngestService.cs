using Kiosk.Contract.District;
using Kiosk.District.Configuration;
using Kiosk.District.Health;
using Kiosk.District.Storage;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Npgsql;

namespace Kiosk.District.Ingest;

/// <summary>
/// The ingest: migrates the database, then pulls batches from the durable consumer, writes each batch in one
/// PostgreSQL transaction and only after the commit acknowledges its messages. Nothing is acknowledged that is not
/// committed; a redelivery after a crash writes nothing twice (<see cref="IngestWriter"/>). An outage of either side
/// never ends the loop: it waits with a bounded back-off and says so once through <see cref="DistrictHealth"/>.
/// </summary>
internal sealed partial class IngestService(
    INatsConnection nats,
    NpgsqlDataSource database,
    DistrictHealth health,
    DistrictChanges changes,
    TimeProvider time,
    IOptions<DistrictOptions> settings,
    ILogger<IngestService> logger) : BackgroundService
{
    private readonly DistrictOptions options = settings.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await MigrateAsync(stoppingToken).ConfigureAwait(false);
            await PullAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException || (ex is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            // The host is stopping; what was not committed is redelivered to the next run.
        }
    }

    private async Task MigrateAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(options.RetryMax);
        while (true)
        {
            try
            {
                await DistrictMigrations.MigrateAsync(database, stoppingToken).ConfigureAwait(false);
                health.DatabaseAnswered();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not ObjectDisposedException)
            {
                health.DatabaseFailed(ex);
                await Task.Delay(backoff.Next(), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PullAsync(CancellationToken stoppingToken)
    {
        var jetStream = new NatsJSContext((NatsConnection)nats);
        var backoff = new Backoff(options.RetryMax);
        INatsJSConsumer? consumer = null;
        var batch = new List<INatsJSMsg<byte[]>>(options.BatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    batch.Clear();
                    consumer ??= await ConsumerAsync(jetStream, stoppingToken).ConfigureAwait(false);
                    await FetchAsync(consumer, batch, stoppingToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        // An idle pull says nothing about a cluster that lost quorum: ask the consumer itself.
                        await consumer.RefreshAsync(stoppingToken).ConfigureAwait(false);
                        health.ClusterAnswered();
                        backoff.Reset();
                        continue;
                    }

                    health.ClusterAnswered();
                    backoff.Reset();
                    var items = batch.Select(m => IngestReader.Read(m.Subject, m.Data ?? [], m.Metadata?.Sequence.Stream ?? 0, options.MaxMessageBytes)).ToList();
                    await WriteUntilCommittedAsync(items, batch, stoppingToken).ConfigureAwait(false);
                    foreach (var message in batch)
                    {
                        await message.AckAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                    }

                    batch.Clear();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not ObjectDisposedException)
                {
                    health.ClusterFailed(ex);
                    // What this batch still holds (fetched, perhaps committed, not all acknowledged) goes back now if the
                    // connection is still there; otherwise the ack wait brings it back. Writing it again is a no-op.
                    await HandBackAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                    consumer = null;
                    await Task.Delay(backoff.Next(), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await HandBackAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// On a clean stop, gives back what this run holds, so the next run gets it now rather than after the ack wait. A
    /// message whose batch did commit comes back too and is written as a no-op; a crash skips this and the ack wait
    /// redelivers instead.
    /// </summary>
    private static async Task HandBackAsync(List<INatsJSMsg<byte[]>> batch)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            foreach (var message in batch)
            {
                await message.NakAsync(cancellationToken: bounded.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException)
        {
            // The cluster or the connection is gone: the ack wait redelivers them.
        }
    }

    /// <summary>The durable consumer: read when it exists (the district user may not be allowed to change it), else made.</summary>
    private async Task<INatsJSConsumer> ConsumerAsync(NatsJSContext jetStream, CancellationToken cancellationToken)
    {
        try
        {
            return await jetStream.GetConsumerAsync(DistrictSubjects.StreamName, DistrictSubjects.DistrictConsumer, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return await jetStream.CreateOrUpdateConsumerAsync(DistrictSubjects.StreamName, new ConsumerConfig(DistrictSubjects.DistrictConsumer)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = options.AckWait,
                MaxAckPending = Math.Max(options.BatchSize * 2, 1000),
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What is waiting, up to a batch, at once; when nothing is, the first message to arrive and whatever came with it.
    /// A quiet stream answers within one message's latency, a busy one in full batches.
    /// </summary>
    private async Task FetchAsync(INatsJSConsumer consumer, List<INatsJSMsg<byte[]>> batch, CancellationToken cancellationToken)
    {
        await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = options.BatchSize }, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(message);
        }

        if (batch.Count > 0)
        {
            return;
        }

        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = options.FetchWait }, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(message);
        }

        if (batch.Count > 0 && options.BatchSize > 1)
        {
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = options.BatchSize - 1 }, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                batch.Add(message);
            }
        }
    }

    private async Task WriteUntilCommittedAsync(List<IngestItem> items, List<INatsJSMsg<byte[]>> batch, CancellationToken stoppingToken)
    {
        var backoff = new Backoff(options.RetryMax);
        while (true)
        {
            try
            {
                var changed = await IngestWriter.WriteAsync(database, items, time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                health.DatabaseAnswered();
                changes.Publish(changed);
                LogBatch(logger, items.Count);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not ObjectDisposedException)
            {
                health.DatabaseFailed(ex);
                await Task.Delay(backoff.Next(), stoppingToken).ConfigureAwait(false);
                await KeepAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Tells the cluster the held batch is still being worked on, so a long database outage does not redeliver it.</summary>
    private static async Task KeepAsync(List<INatsJSMsg<byte[]>> batch, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var message in batch)
            {
                await message.AckProgressAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (NatsException)
        {
            // The cluster is away too; a redelivery later is harmless (the writes are idempotent).
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed and acknowledged a batch of {Count} messages")]
    private static partial void LogBatch(ILogger logger, int count);
}
