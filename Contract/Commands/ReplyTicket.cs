using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Kiosk.Contract.Events;

namespace Kiosk.Contract.Commands;

/// <summary>A ticket inside a counter reply: the public ticket fields plus the card data, readable by that counter alone.</summary>
public sealed record ReplyTicket : TicketData
{
    [JsonConstructor]
    public ReplyTicket()
    {
    }

    [SetsRequiredMembers]
    public ReplyTicket(TicketData ticket, CardData? cardData)
        : base(ticket)
    {
        CardData = cardData;
    }

    public required CardData? CardData { get; init; }
}
