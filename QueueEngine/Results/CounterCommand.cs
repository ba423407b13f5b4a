using System.Text.Json.Serialization;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

[JsonConverter(typeof(JsonStringEnumConverter<CounterCommandKind>))]
public enum CounterCommandKind
{
    CallNext,
    CallSpecific,
    Recall,
    Skip,
    NoShow,
    ReturnSkipped,
    ServeDone,
    Transfer,
    Cancel,
    /// <summary>UGD bypass or out-of-hours registration: a ticket made by the counter, called there at once, flagged for the recap.</summary>
    IssueEmergency,
    Pause,
    Resume,
    /// <summary>A numbered ticket made at the counter while the kiosk cannot serve patients: waits in the queue, not called.</summary>
    IssueManual,
    /// <summary>Read-only: answers with the ticket the counter serves now (a loket page restoring itself).</summary>
    Serving,
}

/// <summary>
/// A counter's request. CommandId makes it idempotent: the same id runs once and answers the same again.
/// Recall/Skip/NoShow/ServeDone/Transfer/Cancel act on the counter's current ticket unless TicketNumber or TicketId names one.
/// </summary>
public sealed record CounterCommand(string CommandId, string CounterId, CounterCommandKind Kind)
{
    public string? TicketNumber { get; init; }
    public Guid? TicketId { get; init; }
    /// <summary>Transfer target.</summary>
    public string? PoliCode { get; init; }
    /// <summary>IssueEmergency, IssueManual: the service or poli to number it in.</summary>
    public string? ServiceCode { get; init; }
    public PatientCategory Category { get; init; } = PatientCategory.Lama;
    public Payer Payer { get; init; } = Payer.Umum;
    public PriorityClass Priority { get; init; } = PriorityClass.None;
    public int FamilySize { get; init; } = 1;
    public CardData? CardData { get; init; }
    public string? Reason { get; init; }
}
