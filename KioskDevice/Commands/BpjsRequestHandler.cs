using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Text;
using Kiosk.Device.Publishing;
using Kiosk.Mqtt;
using Kiosk.Queue;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Device.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Commands;

/// <summary>
/// Answers the BPJS bridge's questions on <c>queue/{site}/bpjs/request</c> (only the <c>bpjs</c> broker user may write
/// there) on <c>queue/{site}/bpjs/reply</c> (only it may read there). <c>card</c>: the kind and full number of the card
/// of one of today's JKN tickets, which BPJS's "tambah antrean" needs and the public events never carry. Mobile JKN
/// (<c>book</c>, <c>cancel-booking</c>, <c>booking-status</c>, <c>queue-status</c>): the bookings the engine holds.
/// </summary>
/// <remarks>
/// Runs on the counter commands' loop (one broker connection, one message stream), so it must be cheap and total: one
/// in-memory lookup, every payload an answer, no exception out of it. Card numbers are never logged.
/// </remarks>
public sealed partial class BpjsRequestHandler(
    QueueEngine engine, KioskMqttConnection connection, IOptions<KioskOptions> options, TimeProvider time, ILogger<BpjsRequestHandler> logger)
{
    public bool Handles(string topic) => string.Equals(topic, connection.Topics.Tree.BpjsRequest, StringComparison.Ordinal);

    internal void Handle(MqttApplicationMessage message)
    {
        BpjsReply reply;
        if (BpjsReader.TryReadRequest(message.Payload.Span, out var request, out var refusal))
        {
            reply = Answer(request);
            LogAnswered(logger, request.RequestId, request.Type.ToString(), reply.TicketId ?? request.TicketId, reply.Ok ? "ok" : reply.ErrorCode.ToString()!);
        }
        else
        {
            LogRefused(logger, refusal.RequestId, refusal.Code.ToString(), refusal.Detail);
            reply = refusal.ToReply();
        }

        // Not awaited, as a counter's reply: the reply is in the client's session at once and resent until acknowledged.
        var publish = connection.Client.PublishAsync(
            new MqttApplicationMessage(connection.Topics.Tree.BpjsReply, ContractJson.SerializeToUtf8Bytes(reply), MqttQos.AtLeastOnce),
            CancellationToken.None);
        _ = publish.ContinueWith(
            static (task, state) => LogReplyNotSent((ILogger)state!, task.Exception?.GetBaseException().Message ?? "cancelled"),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion,
            TaskScheduler.Default);
    }

    /// <summary>The answer to a readable request: the card, or why not.</summary>
    public BpjsReply Answer(BpjsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (request.Type != BpjsRequestType.Card)
            {
                return AnswerBooking(request);
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), engine.TimeZone).DateTime);
            return Decide(request, engine.FindTicket(request.TicketId), today);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // E.g. the engine disposed during shutdown: the bridge asks again; the counters' loop goes on.
            LogFailed(logger, ex, request.RequestId);
            return Refuse(request, BpjsErrorCode.KioskFault, BpjsTeks.KioskFault);
        }
    }

    /// <summary>
    /// Mobile JKN: <c>book</c>, <c>cancel-booking</c>, <c>booking-status</c>, <c>queue-status</c>, answered from the
    /// engine (the reader made sure the members each type needs are there and well formed).
    /// </summary>
    private BpjsReply AnswerBooking(BpjsRequest request)
    {
        var service = BookingService(request.ServiceCode!);
        var day = request.VisitDate!.Value;
        var result = request.Type switch
        {
            BpjsRequestType.Book => engine.Book(new BookingRequest(request.TicketId, service, day, request.CardNumber!)),
            BpjsRequestType.CancelBooking => engine.CancelBooking(service, day, request.CardNumber!, request.Reason),
            BpjsRequestType.BookingStatus => engine.FindBooking(service, day, request.CardNumber!),
            _ => null,
        };
        if (result is null)
        {
            return AnswerQueue(request, service, day);
        }

        if (result.Succeeded)
        {
            return BpjsReply.WithBooking(request, Describe(result.Ticket), result.Message);
        }

        // already-booked carries the booking the card holds: BPJS's caller can show the patient their number.
        return Refuse(request, result.ErrorCode.Value, result.Message) with { Booking = result.Ticket is { } held ? Describe(held) : null };
    }

    /// <summary>
    /// Where a Mobile JKN patient's number comes from. BPJS books a poli; at a Puskesmas every patient registers at the
    /// loket first (the SOPs: take a number, registration, then the poli), so a poli (`Queue:Polis`: no numbers of its own, its
    /// tickets come from the loket's transfer) books the number a JKN card scanned at this kiosk would get: the
    /// registration service of <c>Kiosk:Reader:BpjsService</c>. A site that maps a registration service to the poli
    /// directly books it as it is; a code the kiosk does not know stays as it is (unknown-service).
    /// </summary>
    private string BookingService(string requested) =>
        !engine.IsBookable(requested) && engine.Options.Polis.Any(p => p.Code == requested) && options.Value.Reader.BpjsService is { Length: > 0 } registration && engine.IsBookable(registration)
            ? registration
            : requested;

    private BpjsReply AnswerQueue(BpjsRequest request, string service, DateOnly day)
    {
        if (!engine.IsBookable(service))
        {
            return Refuse(request, BpjsErrorCode.UnknownService, Kiosk.Queue.Text.Teks.Booking.NotBookable(service));
        }

        if (engine.QueueStatus(service, day) is not { } queue)
        {
            var (first, last) = engine.BookableDays();
            return Refuse(request, BpjsErrorCode.DateNotBookable, Kiosk.Queue.Text.Teks.Booking.BookableDays(engine.BusinessDay, first, last));
        }

        var name = engine.Options.Services.FirstOrDefault(s => s.Code == service)?.Name ?? service;
        return BpjsReply.WithQueue(
            request,
            new BpjsQueueStatus { ServiceCode = queue.ServiceCode, VisitDate = queue.Day, Total = queue.Total, Remaining = queue.Remaining, NowCalling = queue.NowCalling },
            Kiosk.Queue.Text.Teks.Booking.QueueStatus(name, queue.Remaining));
    }

    private BpjsBooking Describe(Ticket ticket) => new()
    {
        TicketId = ticket.Id,
        Number = ticket.Number,
        SequenceNumber = ticket.SequenceNumber,
        ServiceCode = ticket.ServiceCode,
        VisitDate = ticket.BusinessDay,
        BookingCode = ticket.BookingCode ?? string.Empty,
        State = ticket.State,
        CheckedIn = ticket.CheckedInAt is not null,
        WaitingAhead = engine.WaitingAhead(ticket),
        // A later day's booking: nobody of its day has been called yet.
        NowCalling = ticket.BusinessDay == engine.BusinessDay ? engine.NowCalling(ticket.ServiceCode) : null,
    };

    /// <summary>The answer for <paramref name="ticket"/> (null: not in the kiosk's day) on <paramref name="today"/>, the site's local date.</summary>
    public static BpjsReply Decide(BpjsRequest request, Ticket? ticket, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ticket is null)
        {
            return Refuse(request, BpjsErrorCode.UnknownTicket, BpjsTeks.UnknownTicket);
        }

        // The engine keeps the running business day until the next operation rolls it: past midnight (site time) a
        // ticket of yesterday may still be in memory, and its card is no longer given out.
        if (ticket.BusinessDay < today)
        {
            return Refuse(request, BpjsErrorCode.NotToday, BpjsTeks.NotToday);
        }

        // A masked number (the day close keeps only the last four characters) is no card BPJS could use.
        if (ticket.CardData is not { } card || card.Number.Length == 0 || card.Number.Contains('*', StringComparison.Ordinal))
        {
            return Refuse(request, BpjsErrorCode.NoCard, BpjsTeks.NoCard);
        }

        return IsJkn(ticket, card)
            ? BpjsReply.WithCard(request, new Contract.Commands.CardData(card.Kind, card.Number), BpjsTeks.CardGiven)
            : Refuse(request, BpjsErrorCode.NotJkn, BpjsTeks.NotJkn);
    }

    /// <summary>
    /// A JKN ticket: its card is one BPJS reads (a BPJS/KIS card, a NIK, a Mobile JKN booking code) and its patient does
    /// not pay umum. A scan at the kiosk does not ask who pays (payer unknown), so an unknown payer with such a card
    /// counts; the bridge itself reports only tickets whose events say payer bpjs or a booking. A kartu berobat never.
    /// </summary>
    public static bool IsJkn(Ticket ticket, CardData card)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(card);
        return card.Kind is CardKind.Bpjs or CardKind.Nik or CardKind.JknBooking && ticket.Payer != Payer.Umum;
    }

    private static BpjsReply Refuse(BpjsRequest request, BpjsErrorCode code, string message) =>
        BpjsReply.Refused(request.RequestId, request.Type, request.TicketId == Guid.Empty ? null : request.TicketId, code, message);

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS request {RequestId} ({Type}) for ticket {TicketId}: {Outcome}")]
    private static partial void LogAnswered(ILogger logger, string requestId, string type, Guid ticketId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BPJS request {RequestId} refused ({Code}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string? requestId, string code, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "BPJS request {RequestId} failed in the kiosk and was answered kiosk-fault")]
    private static partial void LogFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A BPJS reply was not delivered: {Reason}; the bridge asks again")]
    private static partial void LogReplyNotSent(ILogger logger, string reason);
}
