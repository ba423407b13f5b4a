using System.Threading.Channels;
using Kiosk.Mqtt.Internal;
using Kiosk.Mqtt.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Mqtt;

/// <summary>
/// MQTT 3.1.1 client with one connection loop. The session (unacknowledged QoS 1/2 publishes, subscriptions,
/// pending SUBSCRIBE/UNSUBSCRIBE) lives in this object and outlives every connection: after a reconnect it is
/// replayed with the same packet ids and DUP=1. Liveness is judged by what arrives from the broker.
/// </summary>
public sealed class MqttClient : IMqttClient
{
    private readonly MqttClientOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Channel<MqttApplicationMessage> incoming;

    // Everything below is session state, guarded by gate.
    private readonly object gate = new();
    private readonly Dictionary<ushort, OutgoingPublish> inflight = [];
    private readonly Queue<OutgoingPublish> waiting = new();
    private readonly Dictionary<ushort, PendingRequest> requests = [];
    private readonly HashSet<ushort> receivedExactlyOnce = [];
    private readonly Dictionary<string, MqttQos> subscriptions = new(StringComparer.Ordinal);
    private ushort lastPacketId;
    private long sequence;
    private MqttConnection? connection;
    private MqttConnectionState state = MqttConnectionState.Disconnected;
    private CancellationTokenSource? loopStop;
    private Task? loop;
    private volatile bool stopping;
    private Task? stopTask;

    public MqttClient(MqttClientOptions options, ILogger<MqttClient>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.logger = logger ?? NullLogger<MqttClient>.Instance;
        this.time = time ?? TimeProvider.System;
        incoming = Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(options.IncomingQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    public event EventHandler<MqttConnectionStateChangedEventArgs>? StateChanged;

    public MqttConnectionState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    public ChannelReader<MqttApplicationMessage> Messages => incoming.Reader;

    /// <summary>QoS 1/2 publishes not yet acknowledged (inflight and queued).</summary>
    public int PendingPublishCount
    {
        get
        {
            lock (gate)
            {
                return inflight.Count + waiting.Count;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            if (loop is not null)
            {
                throw new InvalidOperationException("The MQTT client is already started.");
            }

            loopStop = new CancellationTokenSource();
            var token = loopStop.Token;
            loop = Task.Run(() => RunLoopAsync(token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Every caller (StopAsync, DisposeAsync, twice) shares the one stop; it runs once.
        lock (gate)
        {
            if (stopTask is null)
            {
                stopping = true;
                stopTask = StopOnceAsync(connection, loop, cancellationToken);
            }

            return stopTask;
        }
    }

    private async Task StopOnceAsync(MqttConnection? current, Task? running, CancellationToken cancellationToken)
    {
        await Task.Yield();

        if (current is not null && current.Writer.Enqueue(DisconnectPacket.Instance))
        {
            try
            {
                await current.Writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or MqttNotConnectedException or IOException or OperationCanceledException)
            {
                // The connection is going anyway; DISCONNECT was a courtesy so the broker skips the will. A cancelled
                // stop (a power cut in the simulator) still tears down below: the stop task is shared by a later
                // Dispose, which must not inherit the cancellation as a failure.
            }
        }

        if (loopStop is not null)
        {
            await loopStop.CancelAsync().ConfigureAwait(false);
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }

        FailSession();
        incoming.Writer.TryComplete();
        SetState(MqttConnectionState.Stopped, "stopped by the application", sessionPresent: false, error: null);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        // Null it so a second Stop or Dispose (a host disposing a service twice) is a no-op instead of an ObjectDisposedException.
        Interlocked.Exchange(ref loopStop, null)?.Dispose();
    }

    public Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MqttTopic.ValidateTopicName(message.Topic);
        if (message.Qos is < MqttQos.AtMostOnce or > MqttQos.ExactlyOnce)
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Qos, "QoS must be 0, 1 or 2.");
        }

        if (message.Qos == MqttQos.AtMostOnce)
        {
            MqttConnection? current;
            lock (gate)
            {
                current = connection;
                if (current is null || !current.Writer.EnqueuePublish(message, dup: false, packetId: 0))
                {
                    throw new MqttNotConnectedException($"Not connected: the QoS 0 message to '{message.Topic}' was not sent.");
                }
            }

            return current.Writer.WhenWritableAsync();
        }

        var entry = new OutgoingPublish(message, Interlocked.Increment(ref sequence));
        lock (gate)
        {
            ThrowIfStopped();
            if (inflight.Count < options.MaxInflightMessages && TryAllocatePacketId(out var id))
            {
                StartInflight(entry, id);
            }
            else
            {
                waiting.Enqueue(entry);
            }
        }

        return entry.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MqttSubscribeResult>> SubscribeAsync(IReadOnlyList<MqttTopicFilter> filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
        {
            throw new ArgumentException("SUBSCRIBE needs at least one topic filter.", nameof(filters));
        }

        foreach (var filter in filters)
        {
            MqttTopic.ValidateTopicFilter(filter.Filter);
            if (filter.Qos is < MqttQos.AtMostOnce or > MqttQos.ExactlyOnce)
            {
                throw new ArgumentOutOfRangeException(nameof(filters), filter.Qos, "QoS must be 0, 1 or 2.");
            }
        }

        var request = PendingRequest.Subscribe([.. filters]);
        lock (gate)
        {
            ThrowIfStopped();
            foreach (var filter in filters)
            {
                subscriptions[filter.Filter] = filter.Qos;
            }

            SendRequest(request);
        }

        return await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
        {
            throw new ArgumentException("UNSUBSCRIBE needs at least one topic filter.", nameof(filters));
        }

        foreach (var filter in filters)
        {
            MqttTopic.ValidateTopicFilter(filter);
        }

        var request = PendingRequest.Unsubscribe([.. filters]);
        lock (gate)
        {
            ThrowIfStopped();
            foreach (var filter in filters)
            {
                subscriptions.Remove(filter);
            }

            SendRequest(request);
        }

        await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        var reason = "started";
        Exception? lastError = null;
        while (!stop.IsCancellationRequested && !stopping)
        {
            SetState(MqttConnectionState.Connecting, reason, sessionPresent: false, lastError);
            MqttConnection? current = null;
            try
            {
                var (opened, sessionPresent) = await ConnectAsync(stop).ConfigureAwait(false);
                current = opened;
                failures = 0;
                Activate(current, sessionPresent);
                SetState(MqttConnectionState.Connected, "CONNACK accepted", sessionPresent, error: null);
                await RunConnectionAsync(current, stop).ConfigureAwait(false);
                reason = "connection ended";
                lastError = null;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Every failure of a connection (network, TLS, protocol, refused CONNACK) ends in the same back-off:
                // the loop is the one place that decides to reconnect, and it never lets an exception out.
                lastError = ex;
                reason = ex.Message;
                if (ex is MqttProtocolException)
                {
                    Log.ProtocolError(logger, ex, options.ClientId, ex.Message);
                }
                else if (!stopping)
                {
                    Log.ConnectionLost(logger, options.ClientId, options.Host, options.Port, ex.Message);
                }
            }
            finally
            {
                if (current is not null)
                {
                    Deactivate(current);
                    await current.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (stop.IsCancellationRequested || stopping)
            {
                break;
            }

            SetState(MqttConnectionState.Disconnected, reason, sessionPresent: false, lastError);
            var delay = Backoff(failures++);
            Log.Backoff(logger, options.ClientId, (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Exponential back-off with "equal jitter": half the step fixed, half random, so many kiosks do not reconnect in lockstep.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var step = options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        var capped = Math.Min(step, options.ReconnectMaxDelay.TotalMilliseconds);
        var jittered = (capped / 2) + (Random.Shared.NextDouble() * capped / 2);
        return TimeSpan.FromMilliseconds(Math.Max(jittered, options.ReconnectMinDelay.TotalMilliseconds));
    }

    private async Task<(MqttConnection Connection, bool SessionPresent)> ConnectAsync(CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(options.ConnectTimeout);
        MqttConnection? opened = null;
        try
        {
            var stream = await MqttTransport.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
            opened = new MqttConnection(stream, time);
            var will = options.Will is { } w ? new MqttWill(w.Topic, w.Payload, w.Qos, w.Retain) : null;
            var connect = new ConnectPacket(options.ClientId, options.CleanSession, (ushort)Math.Ceiling(options.KeepAlive.TotalSeconds), options.Username, options.Password, will);
            await stream.WriteAsync(MqttPacketEncoder.ToArray(connect), timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);

            var packet = await ReadPacketAsync(opened, timeout.Token).ConfigureAwait(false);
            if (packet is not ConnAckPacket connAck)
            {
                throw new MqttProtocolException($"Expected CONNACK, the broker sent {packet.Type}.");
            }

            if (connAck.ReturnCode != 0)
            {
                throw new MqttConnectionRefusedException(connAck.ReturnCode);
            }

            opened.MarkReceived(time.GetTimestamp());
            return (opened, connAck.SessionPresent);
        }
        catch (Exception ex)
        {
            if (opened is not null)
            {
                await opened.DisposeAsync().ConfigureAwait(false);
            }

            if (ex is OperationCanceledException && !stop.IsCancellationRequested)
            {
                throw new TimeoutException($"No CONNACK from {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s.", ex);
            }

            throw;
        }
    }

    private async Task<MqttPacket> ReadPacketAsync(MqttConnection current, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await current.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (MqttPacketDecoder.TryDecode(ref buffer, options.MaxPacketSize, out var packet))
            {
                current.Reader.AdvanceTo(buffer.Start);
                return packet;
            }

            current.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("The broker closed the connection before CONNACK.");
            }
        }
    }

    private async Task RunConnectionAsync(MqttConnection current, CancellationToken stop)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var reading = ReadLoopAsync(current, ending.Token);
        var writing = current.Writer.RunAsync(current.Stream, ending.Token);
        var watching = KeepAliveLoopAsync(current, ending.Token);
        var delivering = DeliveryLoopAsync(current, ending.Token);
        var first = await Task.WhenAny(reading, writing, watching, delivering).ConfigureAwait(false);
        await ending.CancelAsync().ConfigureAwait(false);
        await current.Stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(reading, writing, watching, delivering).ConfigureAwait(false);
        }
        catch (Exception) when (first.IsFaulted || first.IsCanceled)
        {
            // The others only ended because the first one did; its exception is the reason.
        }

        await first.ConfigureAwait(false);
        throw new IOException("The connection ended.");
    }

    private async Task ReadLoopAsync(MqttConnection current, CancellationToken cancellationToken)
    {
        var reader = current.Reader;

        // An oversized PUBLISH is read past (never buffered whole) and then acknowledged, so it is gone for good.
        long skipping = 0;
        MqttPacket? skippedAck = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                current.MarkReceived(time.GetTimestamp());
            }

            try
            {
                while (true)
                {
                    if (skipping > 0)
                    {
                        var discard = Math.Min(skipping, buffer.Length);
                        buffer = buffer.Slice(discard);
                        skipping -= discard;
                        if (skipping > 0)
                        {
                            break;
                        }

                        if (skippedAck is not null)
                        {
                            // Staged like any acknowledgement, so it goes out after those of the messages before it.
                            await StageAsync(current, null, skippedAck, cancellationToken).ConfigureAwait(false);
                            skippedAck = null;
                        }
                    }

                    if (MqttPacketDecoder.TryPeekOversizedPublish(buffer, options.MaxPacketSize, out var oversized, out var needMore))
                    {
                        Log.OversizedDropped(logger, options.ClientId, oversized.TotalBytes, oversized.Topic, options.MaxPacketSize);
                        skipping = oversized.TotalBytes;
                        skippedAck = DropAcknowledgement(oversized);
                        continue;
                    }

                    if (needMore || !MqttPacketDecoder.TryDecode(ref buffer, options.MaxPacketSize, out var packet))
                    {
                        break;
                    }

                    await HandleAsync(current, packet, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                throw new IOException("The broker closed the connection.");
            }
        }
    }

    /// <summary>The acknowledgement a dropped message still owes; QoS 2 also remembers its id so the PUBREL that follows is answered.</summary>
    private MqttPacket? DropAcknowledgement(OversizedPublish dropped)
    {
        switch (dropped.Qos)
        {
            case MqttQos.AtLeastOnce:
                return new PubAckPacket(dropped.PacketId);
            case MqttQos.ExactlyOnce:
                lock (gate)
                {
                    receivedExactlyOnce.Add(dropped.PacketId);
                }

                return new PubRecPacket(dropped.PacketId);
            default:
                return null;
        }
    }

    private async Task KeepAliveLoopAsync(MqttConnection current, CancellationToken cancellationToken)
    {
        var keepAlive = options.KeepAlive;
        if (keepAlive == TimeSpan.Zero)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Worst case: silence for keepAlive + tick, then PINGREQ, then pingTimeout + tick: 1.5 x keep-alive by default.
        var pingTimeout = options.PingTimeout ?? keepAlive * 0.4;
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, Math.Min(keepAlive.Ticks, pingTimeout.Ticks) / 20));
        while (true)
        {
            await Task.Delay(tick, time, cancellationToken).ConfigureAwait(false);
            if (current.DeliveryBlocked)
            {
                // The application is slow to take messages; unread bytes wait in the socket, the broker is not silent.
                current.ClearPing();
                if (time.GetElapsedTime(current.Writer.LastEnqueued) >= keepAlive)
                {
                    current.Writer.Enqueue(PingReqPacket.Instance);
                }

                continue;
            }

            var pingSentAt = current.PingSentAt;
            if (pingSentAt != 0)
            {
                if (time.GetElapsedTime(pingSentAt) >= pingTimeout)
                {
                    throw new TimeoutException($"No PINGRESP (nor anything else) from the broker within {pingTimeout.TotalSeconds:0.###} s of PINGREQ; the connection is dead.");
                }

                continue;
            }

            if (time.GetElapsedTime(current.LastReceived) >= keepAlive || time.GetElapsedTime(current.Writer.LastEnqueued) >= keepAlive)
            {
                current.MarkPingSent(time.GetTimestamp());
                current.Writer.Enqueue(PingReqPacket.Instance);
            }
        }
    }

    private async ValueTask HandleAsync(MqttConnection current, MqttPacket packet, CancellationToken cancellationToken)
    {
        switch (packet)
        {
            case PublishPacket publish:
                await ReceivePublishAsync(current, publish, cancellationToken).ConfigureAwait(false);
                break;
            case PubAckPacket ack:
                CompletePublish(current, ack.PacketId, MqttQos.AtLeastOnce, "PUBACK");
                break;
            case PubRecPacket rec:
                lock (gate)
                {
                    if (!inflight.TryGetValue(rec.PacketId, out var entry) || entry.Message.Qos != MqttQos.ExactlyOnce)
                    {
                        throw new MqttProtocolException($"PUBREC for packet id {rec.PacketId}, which has no QoS 2 publish in flight.");
                    }

                    entry.Released = true;
                }

                current.Writer.Enqueue(new PubRelPacket(rec.PacketId));
                break;
            case PubCompPacket comp:
                CompletePublish(current, comp.PacketId, MqttQos.ExactlyOnce, "PUBCOMP");
                break;
            case PubRelPacket rel:
                lock (gate)
                {
                    receivedExactlyOnce.Remove(rel.PacketId);
                }

                current.Writer.Enqueue(new PubCompPacket(rel.PacketId));
                break;
            case SubAckPacket subAck:
                CompleteSubscribe(subAck);
                break;
            case UnsubAckPacket unsubAck:
                CompleteUnsubscribe(unsubAck);
                break;
            case PingRespPacket:
                break;
            default:
                throw new MqttProtocolException($"The broker sent {packet.Type}, which a client never receives.");
        }
    }

    private async ValueTask ReceivePublishAsync(MqttConnection current, PublishPacket publish, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessage(publish.Topic, publish.Payload, publish.Qos, publish.Retain);
        switch (publish.Qos)
        {
            case MqttQos.AtMostOnce:
                await StageAsync(current, message, null, cancellationToken).ConfigureAwait(false);
                break;
            case MqttQos.AtLeastOnce:
                // Acknowledged only once the application has the message: a crash before that means a redelivery, not a loss.
                await StageAsync(current, message, new PubAckPacket(publish.PacketId), cancellationToken).ConfigureAwait(false);
                break;
            default:
                bool first;
                lock (gate)
                {
                    first = receivedExactlyOnce.Add(publish.PacketId);
                }

                // A duplicate is not delivered again, but its PUBREC still waits for the first copy's delivery.
                await StageAsync(current, first ? message : null, new PubRecPacket(publish.PacketId), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask StageAsync(MqttConnection current, MqttApplicationMessage? message, MqttPacket? ack, CancellationToken cancellationToken)
    {
        if (current.Deliveries.Writer.TryWrite((message, ack)))
        {
            return;
        }

        // Only a flood of QoS 0 messages (nothing bounds those) fills the stage: then the reader waits after all.
        current.DeliveryBlocked = true;
        try
        {
            await current.Deliveries.Writer.WriteAsync((message, ack), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            current.DeliveryBlocked = false;
            current.MarkReceived(time.GetTimestamp());
        }
    }

    /// <summary>Moves staged messages into the application queue in arrival order, then sends the acknowledgement each owes.</summary>
    private async Task DeliveryLoopAsync(MqttConnection current, CancellationToken cancellationToken)
    {
        await foreach (var (received, owed) in current.Deliveries.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var message = received;
            var ack = owed;
            if (options.ManualAcknowledgement && message is not null && ack is not null)
            {
                // The application acknowledges once the message's effect is durable; the ack belongs to this
                // connection: after a reconnect the broker redelivers whatever was not acknowledged.
                var writer = current.Writer;
                var packet = ack;
                var acknowledged = 0;
                message = message with { Acknowledgement = () => Interlocked.Exchange(ref acknowledged, 1) == 0 && writer.Enqueue(packet) };
                ack = null;
            }

            if (message is not null && !incoming.Writer.TryWrite(message))
            {
                await incoming.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }

            if (ack is not null)
            {
                current.Writer.Enqueue(ack);
            }
        }
    }

    private void CompletePublish(MqttConnection current, ushort packetId, MqttQos qos, string what)
    {
        OutgoingPublish? entry;
        lock (gate)
        {
            if (!inflight.TryGetValue(packetId, out entry) || entry.Message.Qos != qos || (qos == MqttQos.ExactlyOnce && !entry.Released))
            {
                throw new MqttProtocolException($"{what} for packet id {packetId}, which has no matching publish in flight.");
            }

            inflight.Remove(packetId);
            PromoteWaiting(current);
        }

        entry.Completion.TrySetResult();
    }

    private void CompleteSubscribe(SubAckPacket subAck)
    {
        PendingRequest? request;
        lock (gate)
        {
            if (!requests.TryGetValue(subAck.PacketId, out request) || request.SubscribeFilters is null)
            {
                throw new MqttProtocolException($"SUBACK for packet id {subAck.PacketId}, which has no SUBSCRIBE pending.");
            }

            if (subAck.ReturnCodes.Count != request.SubscribeFilters.Count)
            {
                throw new MqttProtocolException($"SUBACK carries {subAck.ReturnCodes.Count} return codes for {request.SubscribeFilters.Count} filters.");
            }

            requests.Remove(subAck.PacketId);
            for (var i = 0; i < subAck.ReturnCodes.Count; i++)
            {
                if (subAck.ReturnCodes[i] == MqttSubscribeResult.FailureCode)
                {
                    // A refused filter is not re-subscribed after every reconnect.
                    subscriptions.Remove(request.SubscribeFilters[i].Filter);
                    if (request.Automatic)
                    {
                        Log.ResubscribeRefused(logger, options.ClientId, request.SubscribeFilters[i].Filter);
                    }
                }
            }
        }

        var results = new MqttSubscribeResult[subAck.ReturnCodes.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new MqttSubscribeResult(request.SubscribeFilters[i].Filter, subAck.ReturnCodes[i]);
        }

        request.Completion.TrySetResult(results);
    }

    private void CompleteUnsubscribe(UnsubAckPacket unsubAck)
    {
        PendingRequest? request;
        lock (gate)
        {
            if (!requests.Remove(unsubAck.PacketId, out request) || request.UnsubscribeFilters is null)
            {
                throw new MqttProtocolException($"UNSUBACK for packet id {unsubAck.PacketId}, which has no UNSUBSCRIBE pending.");
            }
        }

        request.Completion.TrySetResult([]);
    }

    /// <summary>A new connection is up: replay the session onto it, in the order things were first sent.</summary>
    private void Activate(MqttConnection current, bool sessionPresent)
    {
        lock (gate)
        {
            if (!sessionPresent)
            {
                // The broker forgot which QoS 2 ids it sent us; a new message may reuse one.
                receivedExactlyOnce.Clear();
            }

            foreach (var request in requests.Values)
            {
                current.Writer.Enqueue(request.ToPacket());
            }

            // Filters whose own SUBSCRIBE is still pending were just sent again: subscribing twice would deliver
            // their retained messages twice.
            var pendingFilters = requests.Values.Where(r => r.SubscribeFilters is not null).SelectMany(r => r.SubscribeFilters!).Select(f => f.Filter).ToHashSet(StringComparer.Ordinal);
            var lost = subscriptions.Where(s => !pendingFilters.Contains(s.Key)).Select(s => new MqttTopicFilter(s.Key, s.Value)).ToList();
            if (!sessionPresent && lost.Count > 0 && TryAllocatePacketId(out var resubscribeId))
            {
                var resubscribe = PendingRequest.Subscribe(lost, automatic: true);
                resubscribe.PacketId = resubscribeId;
                requests[resubscribeId] = resubscribe;
                current.Writer.Enqueue(resubscribe.ToPacket());
            }

            // Unacknowledged publishes go again with their own packet id (the broker de-duplicates QoS 2 by it);
            // even without a session they are resent, because the application was promised delivery.
            var resend = inflight.Values.OrderBy(e => e.Sequence).ToList();
            if (resend.Count > 0)
            {
                Log.Resending(logger, options.ClientId, resend.Count, sessionPresent);
            }

            foreach (var entry in resend)
            {
                if (entry.Released)
                {
                    current.Writer.Enqueue(new PubRelPacket(entry.PacketId));
                }
                else
                {
                    current.Writer.EnqueuePublish(entry.Message, dup: entry.Sent, entry.PacketId);
                    entry.Sent = true;
                }
            }

            connection = current;
            PromoteWaiting(current);
        }
    }

    private void Deactivate(MqttConnection current)
    {
        lock (gate)
        {
            if (connection == current)
            {
                connection = null;
            }
        }
    }

    private void StartInflight(OutgoingPublish entry, ushort packetId)
    {
        entry.PacketId = packetId;
        inflight[packetId] = entry;
        if (connection is not null && connection.Writer.EnqueuePublish(entry.Message, dup: false, packetId))
        {
            entry.Sent = true;
        }
    }

    private void PromoteWaiting(MqttConnection current)
    {
        while (waiting.Count > 0 && inflight.Count < options.MaxInflightMessages && connection == current && TryAllocatePacketId(out var id))
        {
            StartInflight(waiting.Dequeue(), id);
        }
    }

    private void SendRequest(PendingRequest request)
    {
        if (!TryAllocatePacketId(out var id))
        {
            throw new InvalidOperationException("All 65535 packet ids are in use.");
        }

        request.PacketId = id;
        requests[id] = request;
        connection?.Writer.Enqueue(request.ToPacket());
    }

    /// <summary>Next free id after the last one, wrapping 65535 -> 1 and skipping every id still owned by the session.</summary>
    private bool TryAllocatePacketId(out ushort packetId)
    {
        for (var attempt = 0; attempt < ushort.MaxValue; attempt++)
        {
            lastPacketId = lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(lastPacketId + 1);
            if (!inflight.ContainsKey(lastPacketId) && !requests.ContainsKey(lastPacketId))
            {
                packetId = lastPacketId;
                return true;
            }
        }

        packetId = 0;
        return false;
    }

    /// <summary>For tests on a hand-moved clock: a PINGREQ is out and nothing has arrived since.</summary>
    internal bool IsAwaitingPingResponse
    {
        get
        {
            lock (gate)
            {
                return connection is { PingSentAt: not 0 };
            }
        }
    }

    /// <summary>Only for tests of id allocation: where the counter continues from.</summary>
    internal void SetLastPacketIdForTest(ushort value)
    {
        lock (gate)
        {
            lastPacketId = value;
        }
    }

    private void ThrowIfStopped()
    {
        if (stopping)
        {
            throw new MqttNotConnectedException("The MQTT client is stopped.");
        }
    }

    private void FailSession()
    {
        List<OutgoingPublish> publishes;
        List<PendingRequest> pending;
        lock (gate)
        {
            publishes = [.. inflight.Values, .. waiting];
            pending = [.. requests.Values];
            inflight.Clear();
            waiting.Clear();
            requests.Clear();
        }

        var stopped = new MqttNotConnectedException("The MQTT client was stopped before the broker acknowledged this.");
        foreach (var entry in publishes)
        {
            entry.Completion.TrySetException(stopped);
        }

        foreach (var request in pending)
        {
            request.Completion.TrySetException(stopped);
        }
    }

    private void SetState(MqttConnectionState newState, string reason, bool sessionPresent, Exception? error)
    {
        MqttConnectionState old;
        lock (gate)
        {
            old = state;
            if (old == newState || old == MqttConnectionState.Stopped)
            {
                return;
            }

            state = newState;
        }

        Log.StateChanged(logger, options.ClientId, old, newState, reason);
        if (StateChanged is not { } handlers)
        {
            return;
        }

        var args = new MqttConnectionStateChangedEventArgs(old, newState, reason, sessionPresent, error);
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<MqttConnectionStateChangedEventArgs>>())
        {
            try
            {
                handler(this, args);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A faulty observer must neither take the connection loop down nor keep the others from hearing.
                Log.HandlerFailed(logger, ex, options.ClientId);
            }
        }
    }
}
