using Kiosk.Queue.Model;

namespace Kiosk.Device.Ticketing;

/// <summary>What happened to one patient's request: a printed ticket, a committed ticket the printer failed on, or a refusal.</summary>
public sealed record IssueOutcome(IssueOutcomeKind Kind, Ticket? Ticket, string Message)
{
    public static IssueOutcome Refused(string message) => new(IssueOutcomeKind.Refused, null, message);
}
