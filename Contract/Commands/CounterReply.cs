namespace Kiosk.Contract.Commands;

/// <summary>
/// The answer on <c>queue/{site}/counter/{N}/reply</c>, readable by counter N only (ACL): the one topic that carries
/// card data. <see cref="Type"/> is the command's own type and <see cref="CommandId"/> its id whenever they could be
/// read, refusals included; a repeated command id gets the stored reply again.
/// </summary>
public sealed record CounterReply
{
    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required string? CommandId { get; init; }

    public required string CounterId { get; init; }

    /// <summary>Null only when the command's type was missing or unknown.</summary>
    public required CommandType? Type { get; init; }

    public required bool Ok { get; init; }

    /// <summary>Bahasa Indonesia, for the officer: what happened, or why not.</summary>
    public required string Message { get; init; }

    /// <summary>Null when <see cref="Ok"/>.</summary>
    public required ErrorCode? ErrorCode { get; init; }

    /// <summary>The ticket acted on; null when none.</summary>
    public required ReplyTicket? Ticket { get; init; }

    /// <summary>transfer: the new poli ticket; null otherwise.</summary>
    public required ReplyTicket? NewTicket { get; init; }

    /// <summary>A refusal before the command reached the queue (malformed, stale, another contract version).</summary>
    public static CounterReply Refused(string? commandId, string counterId, CommandType? type, ErrorCode code, string message) => new()
    {
        CommandId = commandId,
        CounterId = counterId,
        Type = type,
        Ok = false,
        Message = message,
        ErrorCode = code,
        Ticket = null,
        NewTicket = null,
    };
}
