namespace Kiosk.Device.Ticketing;

public enum IssueOutcomeKind
{
    /// <summary>Committed and printed: the patient holds the ticket.</summary>
    Printed,

    /// <summary>Committed but the printer failed: it is not callable and is reprinted when the printer recovers, or voided.</summary>
    PrintFailed,

    /// <summary>Nothing was issued (printer unavailable, quota reached, unknown service, day closed); the message says why.</summary>
    Refused,
}
