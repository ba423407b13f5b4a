using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>
/// The kiosk's side of the Mobile JKN requests, small and in memory, on the real broker as the <c>kiosk</c> user: reads
/// <c>queue/{site}/bpjs/request</c>, answers on <c>queue/{site}/bpjs/reply</c>. Keeps what it was asked, so a test sees
/// that a refused call never reached it. Numbers follow the shared rule (the next number of that day's service);
/// the real kiosk's answers are another helper's part.
/// </summary>
internal sealed class FakeKiosk : IAsyncDisposable
{
    private readonly MqttClient client;
    private readonly SiteTopics topics;
    private readonly DateOnly today;
    private readonly Lock gate = new();
    private readonly List<BpjsRequest> requests = [];
    private readonly List<BpjsBooking> bookings = [];
    private readonly Dictionary<(string Service, DateOnly Day), int> taken = [];
    private readonly Dictionary<(string Service, DateOnly Day), int> calledUpTo = [];
    private readonly Dictionary<Guid, string> cards = [];
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;

    private FakeKiosk(MqttClient client, SiteTopics topics, DateOnly today)
    {
        this.client = client;
        this.topics = topics;
        this.today = today;
    }

    /// <summary>The services the kiosk issues numbers for, with their letter.</summary>
    public static IReadOnlyDictionary<string, char> Services { get; } = new Dictionary<string, char> { ["P-UMUM"] = 'A', ["P-GIGI"] = 'B', ["P-KIA"] = 'C' };

    /// <summary>
    /// The service its booking answers name, when set: the real kiosk books a poli's booking in its JKN registration
    /// queue (<c>Kiosk:Reader:BpjsService</c>, e.g. BPJS), so its answers name that queue, not the poli BPJS booked.
    /// </summary>
    public string? AnsweredServiceCode { get; set; }

    /// <summary>When true the kiosk reads requests and answers none (a kiosk that is away).</summary>
    public bool Silent { get; set; }

    /// <summary>How many of the next <c>book</c> requests are served but not answered (a lost reply).</summary>
    public int SwallowBookReplies { get; set; }

    public IReadOnlyList<BpjsRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public IReadOnlyList<BpjsBooking> Bookings
    {
        get
        {
            lock (gate)
            {
                return [.. bookings];
            }
        }
    }

    public static async Task<FakeKiosk> StartAsync(PrivateBroker broker, DateOnly today)
    {
        var credentials = broker.For(BrokerRoles.Kiosk);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = ClientIds.KioskTool("fktpkiosk", Environment.ProcessId),
            Username = credentials.Username,
            Password = credentials.Password,
        });
        var kiosk = new FakeKiosk(client, new SiteTopics(broker.Site), today);
        await client.StartAsync(CancellationToken.None);
        var results = await client.SubscribeAsync([new MqttTopicFilter(kiosk.topics.BpjsRequest, MqttQos.AtLeastOnce)], CancellationToken.None);
        Assert.All(results, r => Assert.True(r.Succeeded));
        kiosk.loop = kiosk.AnswerAsync(kiosk.stop.Token);
        return kiosk;
    }

    /// <summary>The number part is called up to <paramref name="sequence"/> (so waiting counts and "now calling" move).</summary>
    public void CallUpTo(string service, DateOnly day, int sequence)
    {
        lock (gate)
        {
            calledUpTo[(service, day)] = sequence;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        await client.DisposeAsync();
        stop.Dispose();
    }

    private async Task AnswerAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stopping))
            {
                BpjsRequest request;
                try
                {
                    request = ContractJson.Deserialize<BpjsRequest>(message.Payload.Span);
                }
                catch (JsonException)
                {
                    continue;
                }

                BpjsReply? reply;
                lock (gate)
                {
                    requests.Add(request);
                    reply = Answer(request);
                }

                if (reply is not null && !Silent)
                {
                    await client.PublishAsync(new MqttApplicationMessage(topics.BpjsReply, ContractJson.SerializeToUtf8Bytes(reply), MqttQos.AtLeastOnce), stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private BpjsReply? Answer(BpjsRequest request)
    {
        var service = request.ServiceCode ?? string.Empty;
        var day = request.VisitDate ?? default;
        if (!Services.ContainsKey(service))
        {
            return Refused(request, BpjsErrorCode.UnknownService);
        }

        switch (request.Type)
        {
            case BpjsRequestType.Book:
                if (bookings.FirstOrDefault(b => b.TicketId == request.TicketId) is { } again)
                {
                    return Booked(request, Now(again));
                }

                if (day < today || day > today.AddDays(7))
                {
                    return Refused(request, BpjsErrorCode.DateNotBookable);
                }

                if (Find(request) is not null)
                {
                    return Refused(request, BpjsErrorCode.AlreadyBooked);
                }

                var number = taken[(service, day)] = taken.GetValueOrDefault((service, day)) + 1;
                var letter = Services[service];
                var booking = new BpjsBooking
                {
                    TicketId = request.TicketId,
                    Number = $"{letter}-{number:000}",
                    SequenceNumber = number,
                    ServiceCode = service,
                    VisitDate = day,
                    BookingCode = $"{day:yyyyMMdd}{letter}{number:000}",
                    State = TicketState.Waiting,
                    CheckedIn = false,
                    WaitingAhead = 0,
                    NowCalling = null,
                };
                bookings.Add(booking);
                cards[request.TicketId] = request.CardNumber ?? string.Empty;
                if (SwallowBookReplies > 0)
                {
                    SwallowBookReplies--;
                    return null;
                }

                return Booked(request, Now(booking));
            case BpjsRequestType.BookingStatus:
                return Find(request) is { } mine ? Booked(request, Now(mine)) : Refused(request, BpjsErrorCode.BookingNotFound);
            case BpjsRequestType.CancelBooking:
                if (Find(request) is not { } open)
                {
                    return Refused(request, BpjsErrorCode.BookingNotFound);
                }

                var cancelled = open with { State = TicketState.Cancelled };
                bookings[bookings.IndexOf(open)] = cancelled;
                return Booked(request, Now(cancelled));
            case BpjsRequestType.QueueStatus:
                var total = taken.GetValueOrDefault((service, day));
                var called = calledUpTo.GetValueOrDefault((service, day));
                return new BpjsReply
                {
                    RequestId = request.RequestId,
                    Type = request.Type,
                    TicketId = request.TicketId,
                    Ok = true,
                    Card = null,
                    Queue = new BpjsQueueStatus { ServiceCode = AnsweredServiceCode ?? service, VisitDate = day, Total = total, Remaining = total - called, NowCalling = Calling(service, day) },
                    ErrorCode = null,
                    Message = "Antrean layanan",
                };
            default:
                return Refused(request, BpjsErrorCode.BadRequest);
        }
    }

    private BpjsBooking? Find(BpjsRequest request) => bookings.FirstOrDefault(b =>
        b.ServiceCode == request.ServiceCode && b.VisitDate == request.VisitDate && b.State == TicketState.Waiting
        && cards.GetValueOrDefault(b.TicketId) == request.CardNumber);

    private BpjsBooking Now(BpjsBooking booking)
    {
        var called = calledUpTo.GetValueOrDefault((booking.ServiceCode, booking.VisitDate));
        return booking with { WaitingAhead = Math.Max(0, booking.SequenceNumber - 1 - called), NowCalling = Calling(booking.ServiceCode, booking.VisitDate) };
    }

    private string? Calling(string service, DateOnly day) =>
        calledUpTo.GetValueOrDefault((service, day)) is > 0 and var n ? $"{Services[service]}-{n:000}" : null;

    private BpjsReply Booked(BpjsRequest request, BpjsBooking booking) => new()
    {
        RequestId = request.RequestId,
        Type = request.Type,
        TicketId = request.TicketId,
        Ok = true,
        Card = null,
        Booking = booking with { ServiceCode = AnsweredServiceCode ?? booking.ServiceCode },
        ErrorCode = null,
        Message = "Booking Mobile JKN",
    };

    private static BpjsReply Refused(BpjsRequest request, BpjsErrorCode code) =>
        BpjsReply.Refused(request.RequestId, request.Type, request.TicketId, code, $"Ditolak: {code}");
}
