using Kiosk.Contract.Commands;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// The kiosk's answer on <c>queue/{site}/bpjs/reply</c>, readable by the <c>bpjs</c> broker user only (ACL): besides a
/// counter's own reply, the only topic that carries a full card number. Every request gets exactly one reply;
/// <see cref="RequestId"/>, <see cref="Type"/> and <see cref="TicketId"/> echo the request whenever they could be read.
/// </summary>
public sealed record BpjsReply
{
    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required string? RequestId { get; init; }

    public required BpjsRequestType? Type { get; init; }

    public required Guid? TicketId { get; init; }

    public required bool Ok { get; init; }

    /// <summary><c>card</c>: the ticket's card, kind and full number; null when not <see cref="Ok"/>.</summary>
    public required CardData? Card { get; init; }

    /// <summary><c>book</c>, <c>booking-status</c>, <c>cancel-booking</c>: the booking; null otherwise and when not <see cref="Ok"/>.</summary>
    public BpjsBooking? Booking { get; init; }

    /// <summary><c>queue-status</c>: the service's queue that day; null otherwise and when not <see cref="Ok"/>.</summary>
    public BpjsQueueStatus? Queue { get; init; }

    /// <summary>Null when <see cref="Ok"/>.</summary>
    public required BpjsErrorCode? ErrorCode { get; init; }

    /// <summary>Bahasa Indonesia, for the technician and the officer: what was given, or why not. Never a card number.</summary>
    public required string Message { get; init; }

    public static BpjsReply WithCard(BpjsRequest request, CardData card, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            RequestId = request.RequestId,
            Type = request.Type,
            TicketId = request.TicketId,
            Ok = true,
            Card = card,
            ErrorCode = null,
            Message = message,
        };
    }

    public static BpjsReply WithBooking(BpjsRequest request, BpjsBooking booking, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            RequestId = request.RequestId,
            Type = request.Type,
            TicketId = booking?.TicketId ?? request.TicketId,
            Ok = true,
            Card = null,
            Booking = booking,
            ErrorCode = null,
            Message = message,
        };
    }

    public static BpjsReply WithQueue(BpjsRequest request, BpjsQueueStatus queue, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            RequestId = request.RequestId,
            Type = request.Type,
            TicketId = request.TicketId == Guid.Empty ? null : request.TicketId,
            Ok = true,
            Card = null,
            Queue = queue,
            ErrorCode = null,
            Message = message,
        };
    }

    public static BpjsReply Refused(string? requestId, BpjsRequestType? type, Guid? ticketId, BpjsErrorCode code, string message) => new()
    {
        RequestId = requestId,
        Type = type,
        TicketId = ticketId,
        Ok = false,
        Card = null,
        ErrorCode = code,
        Message = message,
    };
}
