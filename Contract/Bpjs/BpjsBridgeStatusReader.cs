using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// Reads the BPJS bridge's retained status for the loket pages and the kiosk's <c>doctor</c>.
/// </summary>
/// <remarks>
/// Total, like <see cref="Reading.WireReader"/>: every byte sequence gives a status or false with the reason for the
/// log, never an exception, because the reader serves a loket page that must go on showing the queue.
/// </remarks>
public static class BpjsBridgeStatusReader
{
    /// <summary>Longest ticket number read; the kiosk's are like "A-012" or "GIGI-120".</summary>
    public const int MaxNumberLength = 32;

    /// <summary>Longest text read (a reason, the backlog line): anything longer is not a line for a loket page.</summary>
    public const int MaxTextLength = 500;

    public static bool TryRead(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out BpjsBridgeStatus? status, [NotNullWhen(false)] out string? why)
    {
        status = null;
        BpjsBridgeStatus? read;
        try
        {
            read = JsonSerializer.Deserialize(payload, ContractJson.StrictTypeInfo<BpjsBridgeStatus>());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            why = $"not a BPJS bridge status of the contract ({payload.Length} bytes: {ex.GetType().Name})";
            return false;
        }

        why = read switch
        {
            null => "JSON null",
            _ when !ContractVersion.IsSupported(read.ContractVersion) => "contractVersion of another major version",
            _ when read.Backlog < 0 || read.RefusedToday < 0 => "a negative count",
            _ when read.Backlog > 0 != read.OldestWaitingSince.HasValue => "backlog and oldestWaitingSince disagree",
            _ when read.Backlog > 0 != read.BacklogText is { Length: > 0 } => "backlog and backlogText disagree",
            _ when read.BacklogText is { Length: > MaxTextLength } => "backlogText too long",
            _ when read.Refused.Count > BpjsBridgeStatus.MaxListed => "too many refused tickets listed",
            _ when read.Refused.Count > read.RefusedToday => "more refused tickets listed than counted",
            _ when read.Refused.Any(r => !Readable(r)) => "a refused ticket without an id, a number or a reason",
            _ => null,
        };
        if (why is not null)
        {
            return false;
        }

        status = read!;
        return true;
    }

    private static bool Readable(BpjsRefusedTicket? ticket) =>
        ticket is not null && ticket.TicketId != Guid.Empty
        && ticket.Number is { Length: > 0 and <= MaxNumberLength } && !string.IsNullOrWhiteSpace(ticket.Number)
        && ticket.Reason is { Length: > 0 and <= MaxTextLength } && !string.IsNullOrWhiteSpace(ticket.Reason);
}
