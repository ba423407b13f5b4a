using System.Text;
using Kiosk.Contract.Display;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Device.Health;
using Kiosk.Device.Messaging;
using Kiosk.Device.Systemd;
using Kiosk.Device.Text;
using Kiosk.Mqtt;
using Kiosk.Queue;
using Kiosk.Queue.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Device.Publishing;

/// <summary>
/// Drains the outbox in sequence order at QoS 1 and marks events published only after the broker acknowledged them,
/// so a broker outage of any length loses nothing (the rows wait in SQLite) and a crash between PUBACK and the mark
/// only repeats an event, which receivers drop by its id. After each batch it publishes the retained state snapshot
/// and the plain-text line of every counter whose "now serving" changed.
/// </summary>
public sealed partial class OutboxPublisher(
    QueueEngine engine,
    KioskMqttConnection connection,
    OutboxSignal signal,
    LoopHeartbeats heartbeats,
    KioskReadiness readiness,
    ILogger<OutboxPublisher> logger) : BackgroundService
{
    public const string LoopName = "outbox";
    private const int BatchSize = 200;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, string> displayed = new(StringComparer.Ordinal);
    private bool snapshotDirty = true;
    private volatile bool reconnected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        heartbeats.Register(LoopName);
        readiness.MarkReady(KioskReadiness.Outbox, Teks.Teknisi.OutboxReady);
        connection.Client.StateChanged += OnReconnected;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(LoopName);
                if (!connection.IsConnected)
                {
                    await signal.WaitAsync(Idle, stoppingToken);
                    continue;
                }

                if (reconnected)
                {
                    // Set on the MQTT client's thread; the display cache is only touched here, on the loop's.
                    reconnected = false;
                    displayed.Clear();
                    snapshotDirty = true;
                }

                try
                {
                    var batch = engine.ReadOutbox(BatchSize);
                    if (batch.Count > 0)
                    {
                        await PublishBatchAsync(batch, stoppingToken);
                        snapshotDirty = true;
                    }

                    if (snapshotDirty)
                    {
                        await PublishSnapshotAsync(stoppingToken);
                        snapshotDirty = false;
                    }

                    if (batch.Count < BatchSize)
                    {
                        await signal.WaitAsync(Idle, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await LoopFailure.PauseAsync(logger, ex, LoopName, heartbeats, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: what was not acknowledged stays in the outbox for the next start.
        }
        finally
        {
            connection.Client.StateChanged -= OnReconnected;
            heartbeats.Unregister(LoopName);
        }
    }

    private void OnReconnected(object? sender, MqttConnectionStateChangedEventArgs change)
    {
        if (change.NewState == MqttConnectionState.Connected)
        {
            // A broker that lost its retained store (or a fresh one) must get the snapshot again.
            reconnected = true;
            signal.Nudge();
        }
    }

    private async Task PublishBatchAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken stoppingToken)
    {
        // Pipelined: every publish of the batch is in flight at once; the broker keeps their order on the one topic.
        var site = connection.Topics.Site;
        var pending = batch.Select(e => connection.Client.PublishAsync(new MqttApplicationMessage(connection.Topics.Events, EventEnvelope.Encode(e.EventId, e.Sequence, e.Type, e.OccurredAt, site, e.Payload), MqttQos.AtLeastOnce), stoppingToken)).ToArray();
        await WaitBeatingAsync(Task.WhenAll(pending), stoppingToken);
        var last = batch[^1].Sequence;
        engine.MarkPublished(last);
        LogPublished(logger, batch.Count, batch[0].Sequence, last);
    }

    private async Task PublishSnapshotAsync(CancellationToken stoppingToken)
    {
        var snapshot = engine.GetSnapshot();
        var publishes = new List<Task>
        {
            connection.Client.PublishAsync(new MqttApplicationMessage(connection.Topics.State, ContractJson.SerializeToUtf8Bytes(snapshot), MqttQos.AtLeastOnce, Retain: true), stoppingToken),
        };
        foreach (var counter in snapshot.Counters)
        {
            var text = DisplayText.For(counter.Paused, counter.NowServing?.Number);
            if (displayed.TryGetValue(counter.CounterId, out var shown) && shown == text)
            {
                continue;
            }

            displayed[counter.CounterId] = text;
            if (int.TryParse(counter.CounterId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var counterNumber))
            {
                publishes.Add(connection.Client.PublishAsync(new MqttApplicationMessage(connection.Topics.Display(counterNumber), Encoding.UTF8.GetBytes(text), MqttQos.AtLeastOnce, Retain: true), stoppingToken));
            }
        }

        await WaitBeatingAsync(Task.WhenAll(publishes), stoppingToken);
    }

    /// <summary>QoS 1 waits survive reconnects and may last as long as the outage: keep the watchdog fed meanwhile.</summary>
    private async Task WaitBeatingAsync(Task work, CancellationToken stoppingToken)
    {
        while (!work.IsCompleted)
        {
            heartbeats.Beat(LoopName);
            await Task.WhenAny(work, Task.Delay(BeatEvery, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();
        }

        await work;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {Count} events (sequence {First}..{Last})")]
    private static partial void LogPublished(ILogger logger, int count, long first, long last);
}
