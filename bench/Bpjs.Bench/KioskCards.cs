using Kiosk.Broker;
using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;

namespace Kiosk.Bpjs.Bench;

/// <summary>
/// The kiosk's side of the private BPJS channel for the bench: connected as the <c>kiosk</c> user, it answers every
/// <c>card</c> request with the ticket's card from memory, as the kiosk does from its day's card store. The bridge asks
/// for the card at each send, so every report of the drain makes this round trip over the broker.
/// </summary>
internal sealed class KioskCards : IAsyncDisposable
{
    private readonly IMqttClient client;
    private readonly Task answering;
    private readonly CancellationTokenSource stop = new();
    private int answered;

    private KioskCards(IMqttClient client, SiteTopics topics, IReadOnlyDictionary<Guid, string> cards)
    {
        this.client = client;
        answering = Task.Run(() => AnswerAsync(topics, cards));
    }

    public int Answered => Volatile.Read(ref answered);

    public static async Task<KioskCards> StartAsync(PrivateBroker broker, IReadOnlyDictionary<Guid, string> cards)
    {
        var kiosk = broker.For(BrokerRoles.Kiosk);
        var topics = new SiteTopics(broker.Site);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = ClientIds.KioskTool("bench-kartu", Environment.ProcessId),
            Username = kiosk.Username,
            Password = kiosk.Password,
            CleanSession = true,
        });
        await client.StartAsync(CancellationToken.None);
        var results = await client.SubscribeAsync([new MqttTopicFilter(topics.BpjsRequest, MqttQos.AtLeastOnce)], CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));
        BenchRun.Require(results.All(r => r.Succeeded), $"the broker refused the kiosk's subscription to {topics.BpjsRequest}");
        return new KioskCards(client, topics, cards);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await answering.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await client.DisposeAsync();
        stop.Dispose();
    }

    private async Task AnswerAsync(SiteTopics topics, IReadOnlyDictionary<Guid, string> cards)
    {
        await foreach (var message in client.Messages.ReadAllAsync(stop.Token))
        {
            if (!BpjsReader.TryReadRequest(message.Payload.Span, out var request, out _) || request.Type != BpjsRequestType.Card)
            {
                continue;
            }

            var reply = request.TicketId is { } ticket && cards.TryGetValue(ticket, out var card)
                ? BpjsReply.WithCard(request, new CardData(CardKind.Bpjs, card), "ok")
                : BpjsReply.Refused(request.RequestId, request.Type, request.TicketId, BpjsErrorCode.UnknownTicket, "tiket tidak dikenal");
            await client.PublishAsync(new MqttApplicationMessage(topics.BpjsReply, ContractJson.SerializeToUtf8Bytes(reply), MqttQos.AtLeastOnce), stop.Token);
            Interlocked.Increment(ref answered);
        }
    }
}
