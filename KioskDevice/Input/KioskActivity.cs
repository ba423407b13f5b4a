using Kiosk.Device.Ticketing;

namespace Kiosk.Device.Input;

/// <summary>
/// What just happened at the kiosk's front, for the simulator's panel and the terminal run: a ticket, a refusal, a
/// rejected scan, a stuck button. The kiosk itself does not depend on anyone listening.
/// </summary>
public sealed class KioskActivity
{
    /// <summary>A press taken while tickets print: told at once, and its ticket's outcome follows when it is printed.</summary>
    public const string QueuedKind = "Queued";

    public event EventHandler<KioskActivityEventArgs>? Happened;

    public void Report(string source, IssueOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Happened?.Invoke(this, new KioskActivityEventArgs(source, outcome.Kind.ToString(), outcome.Message, outcome.Ticket?.Number));
    }

    public void Report(string source, string kind, string message) =>
        Happened?.Invoke(this, new KioskActivityEventArgs(source, kind, message, null));

    /// <param name="waiting">Button tickets waiting behind the one printing, after this happening.</param>
    public void Report(string source, IssueOutcome outcome, int waiting)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Happened?.Invoke(this, new KioskActivityEventArgs(source, outcome.Kind.ToString(), outcome.Message, outcome.Ticket?.Number, waiting));
    }

    /// <param name="waiting">Button tickets waiting behind the one printing, after this happening.</param>
    public void Report(string source, string kind, string message, int waiting) =>
        Happened?.Invoke(this, new KioskActivityEventArgs(source, kind, message, null, waiting));
}
