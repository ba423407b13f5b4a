using System.Text.Json.Serialization;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// What the BPJS bridge asks the kiosk (<c>type</c> of a <see cref="BpjsRequest"/>). Only <c>card</c> today; Mobile JKN
/// bookings will add <c>book</c> and <c>cancel-booking</c> as new values (a minor contract change): a kiosk that does
/// not know a type answers it <c>bad-request</c>, so an older kiosk never leaves the bridge waiting.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<BpjsRequestType>))]
public enum BpjsRequestType
{
    /// <summary>The full card of one of today's JKN tickets, for BPJS's "tambah antrean".</summary>
    Card,
}
