using System.Text.Json.Serialization;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// What the BPJS bridge asks the kiosk (<c>type</c> of a <see cref="BpjsRequest"/>). Values are only ever added (a minor
/// contract change): a kiosk that does not know a type answers it <c>bad-request</c>, so an older kiosk never leaves the
/// bridge waiting.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<BpjsRequestType>))]
public enum BpjsRequestType
{
    /// <summary>The full card of one of today's JKN tickets, for BPJS's "tambah antrean".</summary>
    Card,

    /// <summary>
    /// Mobile JKN "ambil antrean": take a number of <see cref="BpjsRequest.ServiceCode"/> on <see cref="BpjsRequest.VisitDate"/>
    /// for <see cref="BpjsRequest.CardNumber"/>. <see cref="BpjsRequest.TicketId"/> is chosen by the bridge and becomes the
    /// booking's ticket id, so a request asked twice (a lost reply) books once. Answered with <see cref="BpjsReply.Booking"/>.
    /// </summary>
    Book,

    /// <summary>Mobile JKN "batal antrean": cancel the booking of <see cref="BpjsRequest.CardNumber"/> for that service and day.</summary>
    CancelBooking,

    /// <summary>Mobile JKN "sisa antrean": the booking of <see cref="BpjsRequest.CardNumber"/> for that service and day, with the queue ahead of it.</summary>
    BookingStatus,

    /// <summary>Mobile JKN "status antrean": the queue of <see cref="BpjsRequest.ServiceCode"/> on <see cref="BpjsRequest.VisitDate"/>; answered with <see cref="BpjsReply.Queue"/>.</summary>
    QueueStatus,
}
