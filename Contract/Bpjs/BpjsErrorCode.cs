using System.Text.Json.Serialization;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Bpjs;

/// <summary>Why the kiosk did not give the bridge what it asked (<c>errorCode</c> of a <see cref="BpjsReply"/> with <c>ok:false</c>).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<BpjsErrorCode>))]
public enum BpjsErrorCode
{
    /// <summary>The payload is not a request of this contract (not JSON, no requestId, unknown type, bad ticketId, a member its type needs is missing or malformed).</summary>
    BadRequest,
    /// <summary>Another major contract version.</summary>
    UnsupportedVersion,
    /// <summary>No ticket of today's business day has this id (a ticket of an earlier day is no longer in the kiosk's day).</summary>
    UnknownTicket,
    /// <summary>The ticket belongs to another business day: its card is no longer given out.</summary>
    NotToday,
    /// <summary>The ticket carries no card number (a button press without a scan, or the day-close masked it).</summary>
    NoCard,
    /// <summary>The ticket is not a JKN ticket: its payer is umum, or its card is a kartu berobat.</summary>
    NotJkn,
    /// <summary>The kiosk failed while answering; the bridge asks again later.</summary>
    KioskFault,
    /// <summary>Mobile JKN: the service is not one the kiosk issues numbers for.</summary>
    UnknownService,
    /// <summary>Mobile JKN: the day is in the past, closed, or further ahead than the kiosk takes bookings.</summary>
    DateNotBookable,
    /// <summary>Mobile JKN: this card already holds a booking for that service and day (BPJS allows one).</summary>
    AlreadyBooked,
    /// <summary>Mobile JKN: no booking of this card for that service and day.</summary>
    BookingNotFound,
    /// <summary>Mobile JKN: the booking can no longer be cancelled (called, served, or already finished).</summary>
    BookingFinished,
}
