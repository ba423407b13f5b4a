using Kiosk.Device.Ticketing;

namespace Kiosk.Device.Input;

/// <summary>
/// What just happened at the kiosk's front, for the simulator's panel and the terminal run: a ticket, a refusal, a
/// rejected scan, a stuck button. The kiosk itself does not depend on anyone listening.
/// </summary>
public sealed class KioskActivity
{
    public event EventHandler<KioskActivityEventArgs>? Happened;

    public void Report(string source, IssueOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Happened?.Invoke(this, new KioskActivityEventArgs(source, outcome.Kind.ToString(), outcome.Message, outcome.Ticket?.Number));
    }

    public void Report(string source, string kind, string message) =>
        Happened?.Invoke(this, new KioskActivityEventArgs(source, kind, message, null));
}
