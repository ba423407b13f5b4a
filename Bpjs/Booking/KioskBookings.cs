using Kiosk.Contract.Bpjs;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Booking;

/// <summary>
/// The bridge's side of the Mobile JKN requests on the private channel (<c>book</c>, <c>cancel-booking</c>,
/// <c>booking-status</c>, <c>queue-status</c>): the FKTP-side web service asks through this, the kiosk answers from its
/// live state. Nothing is kept here; every answer is the kiosk's.
/// </summary>
/// <remarks>
/// <c>book</c> carries a ticket id chosen here, a new one per BPJS request: when the first reply is lost the same request
/// is asked once more with the same ticket id, and the kiosk answers the booking it already made instead of a second one.
/// A later BPJS request for the same card, service and day gets a new id and the kiosk's <c>already-booked</c>.
/// </remarks>
public sealed partial class KioskBookings(KioskRequestChannel channel, TimeSpan timeout, ILogger<KioskBookings> logger)
{
    /// <summary>How long BPJS's call waits for the kiosk in all (BPJS's own caller gives up not much later).</summary>
    public TimeSpan Timeout { get; } = timeout > TimeSpan.Zero ? timeout : throw new ArgumentOutOfRangeException(nameof(timeout));

    public async Task<KioskAnswer> BookAsync(string serviceCode, DateOnly visitDate, string cardNumber, string nik, CancellationToken cancellationToken)
    {
        var ticketId = Guid.NewGuid();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var answer = await AskAsync(
                Request(BpjsRequestType.Book, serviceCode, visitDate, ticketId) with { CardNumber = cardNumber, Nik = nik },
                Timeout / 2,
                cancellationToken);
            if (answer.Answered)
            {
                return answer;
            }
        }

        return KioskAnswer.NoAnswer;
    }

    public Task<KioskAnswer> CancelAsync(string serviceCode, DateOnly visitDate, string cardNumber, string reason, CancellationToken cancellationToken) =>
        AskAsync(Request(BpjsRequestType.CancelBooking, serviceCode, visitDate) with { CardNumber = cardNumber, Reason = reason }, Timeout, cancellationToken);

    public Task<KioskAnswer> BookingStatusAsync(string serviceCode, DateOnly visitDate, string cardNumber, CancellationToken cancellationToken) =>
        AskAsync(Request(BpjsRequestType.BookingStatus, serviceCode, visitDate) with { CardNumber = cardNumber }, Timeout, cancellationToken);

    public Task<KioskAnswer> QueueStatusAsync(string serviceCode, DateOnly visitDate, CancellationToken cancellationToken) =>
        AskAsync(Request(BpjsRequestType.QueueStatus, serviceCode, visitDate), Timeout, cancellationToken);

    /// <summary>A request of its own id; the ticket id matters only to <c>book</c> (the others name the booking by card).</summary>
    private static BpjsRequest Request(BpjsRequestType type, string serviceCode, DateOnly visitDate, Guid? ticketId = null) => new()
    {
        Type = type,
        RequestId = Guid.NewGuid().ToString("N"),
        TicketId = ticketId ?? Guid.NewGuid(),
        ServiceCode = serviceCode,
        VisitDate = visitDate,
    };

    private async Task<KioskAnswer> AskAsync(BpjsRequest request, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return new KioskAnswer(await channel.AskAsync(request, wait, cancellationToken));
        }
        catch (TimeoutException)
        {
            LogNoAnswer(logger, request.Type.ToString(), request.RequestId, wait.TotalSeconds);
            return KioskAnswer.NoAnswer;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kiosk did not answer the {Type} request {RequestId} within {Seconds} s")]
    private static partial void LogNoAnswer(ILogger logger, string type, string requestId, double seconds);
}
