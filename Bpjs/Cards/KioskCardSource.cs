using Kiosk.Bpjs.Booking;
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
/// The full card of a JKN ticket, asked of the kiosk over the site broker's private channel (<see cref="KioskRequestChannel"/>):
/// a <c>card</c> request on <c>queue/{site}/bpjs/request</c> (QoS 1), the answer with the same <c>requestId</c> on
/// <c>queue/{site}/bpjs/reply</c>. The channel's clean-session connection as the <c>bpjs</c> user
/// (<see cref="ClientIds.BpjsCards"/>) is shared with the Mobile JKN bookings, so a question never waits behind the event
/// backlog of the bridge's persistent session.
/// </summary>
public sealed partial class KioskCardSource : ICardNumberSource, IAsyncDisposable
{
    /// <summary>How long to wait for the kiosk's answer: it answers from memory, so only a kiosk or broker that is away takes this long.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly KioskRequestChannel channel;
    private readonly bool ownsChannel;
    private readonly TimeSpan timeout;
    private readonly ILogger logger;
    private int disposed;

    /// <param name="client">A connection as the <c>bpjs</c> user that nothing else reads from (its messages are this source's).</param>
    public KioskCardSource(IMqttClient client, SiteTopics topics, TimeSpan timeout, TimeProvider time, ILogger<KioskCardSource> logger)
        : this(new KioskRequestChannel(client, topics, time, logger), timeout, logger, ownsChannel: true)
    {
    }

    /// <summary>A card source over a channel shared with others (the bridge's host): the channel is started and disposed by its owner.</summary>
    public KioskCardSource(KioskRequestChannel channel, TimeSpan timeout, ILogger<KioskCardSource> logger)
        : this(channel, timeout, logger, ownsChannel: false)
    {
    }

    private KioskCardSource(KioskRequestChannel channel, TimeSpan timeout, ILogger logger, bool ownsChannel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.timeout = timeout;
        this.logger = logger;
    }

    /// <summary>The connection settings of the kiosk channel on a site broker: user <c>bpjs</c>, its own client id, clean session.</summary>
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
    public Task StartAsync(CancellationToken cancellationToken) => channel.StartAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<JknCard?> CardOfAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var request = new BpjsRequest { Type = BpjsRequestType.Card, RequestId = Guid.NewGuid().ToString("N"), TicketId = ticketId };
        BpjsReply reply;
        try
        {
            reply = await channel.AskAsync(request, timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The kiosk did not answer the card request for ticket {ticketId} within {timeout.TotalSeconds:0} s.");
        }

        return ToCard(reply, ticketId);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0 || !ownsChannel)
        {
            return;
        }

        await channel.DisposeAsync();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The kiosk gave no card for ticket {TicketId} ({Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid ticketId, string code, string reason);
}
