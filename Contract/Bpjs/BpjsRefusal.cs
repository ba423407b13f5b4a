namespace Kiosk.Contract.Bpjs;

/// <summary>
/// Why a request payload could not be read. <see cref="Message"/> is Bahasa Indonesia for the reply; <see cref="Detail"/>
/// is for the log (never payload text beyond a short echo, never a card number: a request carries none).
/// </summary>
public sealed record BpjsRefusal(string? RequestId, BpjsRequestType? Type, Guid? TicketId, BpjsErrorCode Code, string Message, string Detail)
{
    public BpjsReply ToReply() => BpjsReply.Refused(RequestId, Type, TicketId, Code, Message);
}
