using System.Collections.Concurrent;
using Kiosk.Bpjs.Reporting;
using Kiosk.Broker;
using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Cards;

/// <summary>
/// The full card of a JKN ticket, asked of the kiosk over the site broker's private channel: a <c>card</c> request on
/// <c>queue/{site}/bpjs/request</c> (QoS 1), the answer with the same <c>requestId</c> on <c>queue/{site}/bpjs/reply</c>.
/// Its own clean-session connection as the <c>bpjs</c> user (<see cref="ClientIds.BpjsCards"/>), so a question never
/// waits behind the event backlog of the bridge's persistent session.
/// </summary>
public sealed partial class KioskCardSource : ICardNumberSource, IAsyncDisposable
{
    /// <summary>How long to wait for the kiosk's answer: it answers from memory, so only a kiosk or broker that is away takes this long.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient client;
    private readonly SiteTopics topics;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BpjsReply>> pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task reader = Task.CompletedTask;
    private int disposed;

    /// <param name="client">A connection as the <c>bpjs</c> user that nothing else reads from (its messages are this source's).</param>
    public KioskCardSource(IMqttClient client, SiteTopics topics, TimeSpan timeout, TimeProvider time, ILogger<KioskCardSource> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        this.client = client;
        this.topics = topics;
        this.timeout = timeout;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The connection settings of the card source on a site broker: user <c>bpjs</c>, its own client id, clean session.</summary>
    public static MqttClientOptions ClientOptions(string host, int port, string site, string password) => new()
    {
        Host = host,
        Port = port,
        ClientId = ClientIds.BpjsCards(site),
        Username = BrokerRoles.Bpjs,
        Password = password,
        CleanSession = true,
        KeepAlive = TimeSpan.FromSeconds(15),
        // The broker is on the Puskesmas LAN: back within seconds after its restart.
        ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(5),
        // A reply is a few hundred bytes; nothing bigger is the kiosk's.
        MaxPacketSize = 64 * 1024,
    };

    /// <summary>Connects (the broker need not be up yet), subscribes to the replies and starts reading them.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await client.StartAsync(cancellationToken);
        reader = ReadRepliesAsync(stop.Token);

        // A clean session forgets the subscription on every reconnect: the client subscribes again by itself.
        var results = await client.SubscribeAsync([new MqttTopicFilter(topics.BpjsReply, MqttQos.AtLeastOnce)], cancellationToken);
        if (results.Any(r => !r.Succeeded))
        {
            throw new InvalidOperationException($"The broker refused the subscription to {topics.BpjsReply}: check the bpjs user's ACL (kiosk-setup --bpjs).");
        }
    }

    /// <inheritdoc />
    public async Task<JknCard?> CardOfAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var request = new BpjsRequest { Type = BpjsRequestType.Card, RequestId = Guid.NewGuid().ToString("N"), TicketId = ticketId };
        var answer = new TaskCompletionSource<BpjsReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[request.RequestId] = answer;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            // QoS 1: while the broker is away the request waits in the client's session and goes out after the reconnect.
            await client.PublishAsync(new MqttApplicationMessage(topics.BpjsRequest, ContractJson.SerializeToUtf8Bytes(request), MqttQos.AtLeastOnce), wait.Token);
            var reply = await answer.Task.WaitAsync(wait.Token);
            return ToCard(reply, ticketId);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The kiosk did not answer the card request for ticket {ticketId} within {timeout.TotalSeconds:0} s.");
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

    /// <summary>
    /// The kiosk's answer as the reports need it. No card for this ticket (unknown, another day, none, not JKN): null,
    /// nothing to report. A kiosk that could not answer now (<c>kiosk-fault</c>) or does not read the request
    /// (<c>bad-request</c>, <c>unsupported-version</c>: a kiosk older than this bridge): <see cref="TimeoutException"/>,
    /// so the report waits and is tried again rather than being dropped.
    /// </summary>
    private JknCard? ToCard(BpjsReply reply, Guid ticketId)
    {
        if (reply.Ok && reply.Card is { } card)
        {
            return card.Kind switch
            {
                CardKind.Bpjs => new JknCard(card.Number, string.Empty, null),
                CardKind.Nik => new JknCard(string.Empty, card.Number, null),
                CardKind.JknBooking => new JknCard(string.Empty, string.Empty, card.Number),
                _ => null,
            };
        }

        var code = reply.ErrorCode ?? BpjsErrorCode.KioskFault;
        LogRefused(logger, ticketId, code.ToString(), reply.Message);
        return code switch
        {
            BpjsErrorCode.UnknownTicket or BpjsErrorCode.NotToday or BpjsErrorCode.NoCard or BpjsErrorCode.NotJkn => null,
            _ => throw new TimeoutException($"The kiosk could not give the card of ticket {ticketId} ({code}): {reply.Message}"),
        };
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

                // A reply nobody waits for (asked before a restart, or after its timeout) is harmless: the report asks again.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The kiosk gave no card for ticket {TicketId} ({Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid ticketId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of {Bytes} bytes on the BPJS reply topic is not a reply of the contract; dropped")]
    private static partial void LogUnreadable(ILogger logger, int bytes);
}
