using System.Collections.Concurrent;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Booking;

/// <summary>
/// The bridge's questions to the kiosk over the site broker's private channel: a request on <c>queue/{site}/bpjs/request</c>
/// (QoS 1), the answer with the same <c>requestId</c> on <c>queue/{site}/bpjs/reply</c>. One clean-session connection as
/// the <c>bpjs</c> user (<see cref="ClientIds.BpjsCards"/>) carries every kind of question (the card of a report, a Mobile
/// JKN booking), so a question never waits behind the event backlog of the bridge's persistent session.
/// </summary>
public sealed partial class KioskRequestChannel : IAsyncDisposable
{
    private readonly IMqttClient client;
    private readonly SiteTopics topics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BpjsReply>> pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task reader = Task.CompletedTask;
    private int started;
    private int disposed;

    /// <param name="client">A connection as the <c>bpjs</c> user that nothing else reads from (its messages are this channel's).</param>
    /// <param name="time">The clock of the answer deadlines (the kiosk answers from memory, so real time even under a test's fake clock).</param>
    public KioskRequestChannel(IMqttClient client, SiteTopics topics, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(topics);
        this.client = client;
        this.topics = topics;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Connects (the broker need not be up yet), subscribes to the replies and starts reading them; once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            return;
        }

        await client.StartAsync(cancellationToken);
        reader = ReadRepliesAsync(stop.Token);

        // A clean session forgets the subscription on every reconnect: the client subscribes again by itself.
        var results = await client.SubscribeAsync([new MqttTopicFilter(topics.BpjsReply, MqttQos.AtLeastOnce)], cancellationToken);
        if (results.Any(r => !r.Succeeded))
        {
            throw new InvalidOperationException($"The broker refused the subscription to {topics.BpjsReply}: check the bpjs user's ACL (kiosk-setup --bpjs).");
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns the kiosk's reply to it. <see cref="TimeoutException"/> when no reply
    /// came within <paramref name="timeout"/> (a kiosk or broker that is away); a reply that comes later is dropped.
    /// </summary>
    public async Task<BpjsReply> AskAsync(BpjsRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var answer = new TaskCompletionSource<BpjsReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.TryAdd(request.RequestId, answer))
        {
            throw new InvalidOperationException($"Request id {request.RequestId} is already waiting for its reply.");
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            // QoS 1: while the broker is away the request waits in the client's session and goes out after the reconnect.
            await client.PublishAsync(new MqttApplicationMessage(topics.BpjsRequest, ContractJson.SerializeToUtf8Bytes(request), MqttQos.AtLeastOnce), wait.Token);
            return await answer.Task.WaitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The kiosk did not answer the {request.Type} request {request.RequestId} within {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            pending.TryRemove(request.RequestId, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stop.CancelAsync();
        await reader;
        stop.Dispose();
        await client.DisposeAsync();
    }

    private async Task ReadRepliesAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stopping))
            {
                if (!string.Equals(message.Topic, topics.BpjsReply, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!BpjsReader.TryReadReply(message.Payload.Span, out var reply) || reply.RequestId is null)
                {
                    LogUnreadable(logger, message.Payload.Length);
                    continue;
                }

                // A reply nobody waits for (asked before a restart, or after its timeout) is harmless: the asker asks again.
                if (pending.TryRemove(reply.RequestId, out var waiting))
                {
                    waiting.TrySetResult(reply);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of {Bytes} bytes on the BPJS reply topic is not a reply of the contract; dropped")]
    private static partial void LogUnreadable(ILogger logger, int bytes);
}
