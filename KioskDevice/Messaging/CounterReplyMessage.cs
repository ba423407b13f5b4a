using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

namespace Kiosk.Device.Messaging;

/// <summary>
/// Published on <c>queue/{site}/counter/{N}/reply</c>, readable by that counter only (ACL). It is the one place where
/// card data (medical-record, BPJS, NIK numbers) leaves the kiosk.
/// </summary>
public sealed record CounterReplyMessage(
    string? CommandId,
    string CounterId,
    bool Ok,
    string? Type,
    string Message,
    string? ErrorCode,
    Ticket? Ticket,
    Ticket? NewTicket)
{
    public static CounterReplyMessage From(CommandResult result) => new(
        result.CommandId,
        result.CounterId,
        result.Succeeded,
        result.Kind.ToString(),
        result.Succeeded ? result.Message : result.Error.Message,
        result.Error?.Code.ToString(),
        result.Ticket,
        result.NewTicket);

    public static CounterReplyMessage Rejected(string? commandId, string counterId, string message) =>
        new(commandId, counterId, Ok: false, Type: null, message, ErrorCode: "BadCommand", Ticket: null, NewTicket: null);
}
