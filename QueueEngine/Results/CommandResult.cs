using System.Diagnostics.CodeAnalysis;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

/// <summary>The answer to a counter command; stored with the command id and replayed unchanged for a repeated id.</summary>
public sealed record CommandResult
{
    public required string CommandId { get; init; }
    public required string CounterId { get; init; }
    public required CommandType Kind { get; init; }
    public QueueError? Error { get; init; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The ticket acted on (includes card data: counter replies only).</summary>
    public Ticket? Ticket { get; init; }
    /// <summary>Transfer: the new ticket in the poli's queue.</summary>
    public Ticket? NewTicket { get; init; }
    /// <summary>Bahasa Indonesia line for the officer.</summary>
    public string Message { get; init; } = "";
}
