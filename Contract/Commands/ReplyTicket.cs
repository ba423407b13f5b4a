using Kiosk.Contract.Events;

namespace Kiosk.Contract.Commands;

/// <summary>A ticket inside a counter reply: the public ticket fields plus the card data, readable by that counter alone.</summary>
public sealed record ReplyTicket : TicketData
{
    public required CardData? CardData { get; init; }
}
