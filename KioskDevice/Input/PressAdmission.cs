namespace Kiosk.Device.Input;

/// <summary>
/// Decides what becomes of each button press, so that no press is lost without a word. The SOPs give one number per
/// arrival (a family shares one), and a patient expects a press while the previous ticket prints to count. So:
/// <list type="bullet">
/// <item>A press within the lock-out (<c>Kiosk:Hardware:ButtonLockoutMilliseconds</c>) of the last press taken on the
/// same button is that patient pressing twice: <see cref="PressDecision.DoublePress"/>, no second ticket.</item>
/// <item>Any later press is a patient, even while tickets print: <see cref="PressDecision.Taken"/>, printed after the
/// ones ahead, in order. A second patient in a rush is never dropped.</item>
/// <item>Only when <see cref="MaxWaiting"/> tickets already wait behind the one printing is a press
/// <see cref="PressDecision.Busy"/>: the patient is told to press again rather than stand unseen in a long line.</item>
/// </list>
/// The lock-out runs from press to press on the button panel's monotonic clock, never from the end of the print, so a
/// slow printer does not lengthen it and the rule replays exactly from recorded timestamps.
/// </summary>
public sealed class PressAdmission(TimeSpan lockout)
{
    /// <summary>Tickets that may wait behind the one printing: about ten seconds of printing on a thermal printer.</summary>
    public const int MaxWaiting = 5;

    private readonly Lock gate = new();
    private readonly Dictionary<string, TimeSpan> lastTaken = new(StringComparer.Ordinal);
    private int unfinished;

    /// <summary>Presses taken whose ticket is not out yet, including the one printing.</summary>
    public int Unfinished
    {
        get
        {
            lock (gate)
            {
                return unfinished;
            }
        }
    }

    /// <summary>Tickets waiting behind the one printing now.</summary>
    public int Waiting => Math.Max(0, Unfinished - 1);

    /// <summary>Decides one press; for a taken press, <paramref name="ahead"/> is how many tickets come out before it.</summary>
    public PressDecision Decide(string buttonId, TimeSpan pressedAt, out int ahead)
    {
        ArgumentNullException.ThrowIfNull(buttonId);
        lock (gate)
        {
            ahead = unfinished;
            if (lastTaken.TryGetValue(buttonId, out var previous) && pressedAt - previous < lockout && pressedAt >= previous)
            {
                return PressDecision.DoublePress;
            }

            if (unfinished > MaxWaiting)
            {
                return PressDecision.Busy;
            }

            lastTaken[buttonId] = pressedAt;
            unfinished++;
            return PressDecision.Taken;
        }
    }

    /// <summary>
    /// The ticket of a taken press is out (or failed, or was refused). A refused press no longer locks its button:
    /// the patient who heard the refusal may press again at once.
    /// </summary>
    public void Finished(string buttonId, TimeSpan pressedAt, bool refused)
    {
        lock (gate)
        {
            unfinished = Math.Max(0, unfinished - 1);
            if (refused && lastTaken.TryGetValue(buttonId, out var taken) && taken == pressedAt)
            {
                lastTaken.Remove(buttonId);
            }
        }
    }
}
