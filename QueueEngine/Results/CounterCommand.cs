using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Results;

/// <summary>
/// A counter's request. CommandId makes it idempotent: the same id runs once and answers the same again.
/// Recall/Skip/NoShow/Serve/Transfer/Cancel act on the counter's current ticket unless TicketNumber or TicketId names one.
/// </summary>
public sealed record CounterCommand(string CommandId, string CounterId, CommandType Kind)
{
    public string? TicketNumber { get; init; }
    public Guid? TicketId { get; init; }
    /// <summary>Transfer target.</summary>
    public string? PoliCode { get; init; }
    /// <summary>Emergency, Issue: the service or poli to number it in.</summary>
    public string? ServiceCode { get; init; }
    public PatientCategory Category { get; init; } = PatientCategory.Lama;
    public Payer Payer { get; init; } = Payer.Umum;
    public PriorityKind Priority { get; init; } = PriorityKind.None;
    public int FamilySize { get; init; } = 1;
    public CardData? CardData { get; init; }
    public string? Reason { get; init; }
}
