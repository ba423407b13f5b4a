namespace Kiosk.Contract.Commands;

/// <summary>
/// Why a command payload could not be read. <see cref="Message"/> is for the officer (Bahasa Indonesia, no parser text);
/// <see cref="Detail"/> is for the log; the id and type are whatever could still be read, to echo in the reply.
/// </summary>
public sealed record CommandRefusal(string? CommandId, CommandType? Type, ErrorCode Code, string Message, string Detail)
{
    public CounterReply ToReply(string counterId) => CounterReply.Refused(CommandId, counterId, Type, Code, Message);
}
