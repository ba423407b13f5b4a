using System.Text.Json.Serialization;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Commands;

/// <summary>Why a command was refused (<c>errorCode</c> of a reply with <c>ok:false</c>); docs/asyncapi.yaml says what the loket tells the patient.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ErrorCode>))]
public enum ErrorCode
{
    /// <summary>The payload is not a command of this contract (not JSON, missing commandId, unknown type, bad field).</summary>
    BadCommand,
    /// <summary>The payload names a contract major version the kiosk does not speak.</summary>
    UnsupportedVersion,
    /// <summary><c>sentAt</c> is older than the age limit: the press is not run late.</summary>
    StaleCommand,
    InvalidRequest,
    UnknownService,
    UnknownPoli,
    UnknownCounter,
    UnknownTicket,
    QuotaExhausted,
    DayClosed,
    InvalidTransition,
    CounterPaused,
    CounterBusy,
    NoTicketAtCounter,
    NothingToCall,
    ServiceNotAtCounter,
    NotPrinted,
}
