using System.Text.Json;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

namespace Kiosk.Queue.Privacy;

/// <summary>
/// A stored counter reply (<c>processed_commands.result</c>) after its business day closed: the tickets in it keep only
/// the last four characters of their card number, as the tickets table does, and card-like digits in its free text
/// (note, message) are masked by <see cref="CardNumberText"/>. A repeated command id still gets its reply, masked.
/// </summary>
internal static class StoredReplies
{
    /// <summary>The masked reply JSON, or null when there was nothing to mask (the row stays as it is).</summary>
    public static string? Mask(string json)
    {
        var reply = JsonSerializer.Deserialize(json, QueueJson.CommandResult)
            ?? throw new JsonException("a stored command reply is empty");
        var masked = reply with
        {
            Ticket = Mask(reply.Ticket),
            NewTicket = Mask(reply.NewTicket),
            Message = CardNumberText.Mask(reply.Message) ?? "",
            Error = reply.Error is { } error ? error with { Message = CardNumberText.Mask(error.Message) ?? "" } : null,
        };
        return masked == reply ? null : JsonSerializer.Serialize(masked, QueueJson.CommandResult);
    }

    private static Ticket? Mask(Ticket? ticket) =>
        ticket is null ? null : ticket with
        {
            CardData = ticket.CardData is { } card ? card with { Number = card.Masked } : null,
            Note = CardNumberText.Mask(ticket.Note),
        };
}
