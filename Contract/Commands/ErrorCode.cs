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
    /// <summary>A new command's <c>sentAt</c> is more than 2 minutes from the kiosk's clock (a late press, or the loket PC's clock is off).</summary>
    ClockSkew,
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
    /// <summary>The kiosk failed while carrying the command out (e.g. its disk is full): nothing was done; the same id may be sent again.</summary>
    KioskFault,
}
