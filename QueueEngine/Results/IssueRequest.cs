using Kiosk.Contract;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

/// <summary>A patient asks for a number at the kiosk (button or scan).</summary>
public sealed record IssueRequest(
    string ServiceCode,
    PatientCategory Category,
    Payer Payer,
    PriorityKind Priority = PriorityKind.None,
    int FamilySize = 1,
    CardData? CardData = null,
    TicketSource Source = TicketSource.Button);
