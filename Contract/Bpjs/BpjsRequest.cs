namespace Kiosk.Contract.Bpjs;

/// <summary>
/// The BPJS bridge's question on <c>queue/{site}/bpjs/request</c> (written by the <c>bpjs</c> broker user only). The kiosk
/// answers every request, read or not, on <c>queue/{site}/bpjs/reply</c> with the same <see cref="RequestId"/>.
/// </summary>
public sealed record BpjsRequest
{
    /// <summary>The longest <see cref="RequestId"/> the kiosk reads.</summary>
    public const int MaxRequestIdLength = 100;

    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required BpjsRequestType Type { get; init; }

    /// <summary>Chosen by the bridge, unique per question; the reply carries it back.</summary>
    public required string RequestId { get; init; }

    /// <summary>The ticket asked about (<c>ticketId</c> of its events).</summary>
    public required Guid TicketId { get; init; }
}
