using System.Diagnostics.CodeAnalysis;
using Kiosk.Contract.Bpjs;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

/// <summary>
/// The engine's answer to a Mobile JKN request: the booking's ticket, or why not (the private channel's own error code
/// and a Bahasa Indonesia sentence for the technician and BPJS's caller).
/// </summary>
public sealed record BookingResult
{
    public Ticket? Ticket { get; init; }

    public BpjsErrorCode? ErrorCode { get; init; }

    public string Message { get; init; } = string.Empty;

    [MemberNotNullWhen(true, nameof(Ticket))]
    [MemberNotNullWhen(false, nameof(ErrorCode))]
    public bool Succeeded => ErrorCode is null && Ticket is not null;

    internal static BookingResult Ok(Ticket ticket, string message) => new() { Ticket = ticket, Message = message };

    internal static BookingResult Fail(BpjsErrorCode code, string message, Ticket? ticket = null) => new() { ErrorCode = code, Message = message, Ticket = ticket };
}
