namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// The rules for one button, driven only by levels with timestamps and by the passing of time, so recorded kernel
/// events replay exactly. A level counts once it has held for the debounce time; the press is dated at its last
/// edge. Nothing here reads a clock.
/// </summary>
internal sealed class ButtonTracker
{
    private readonly ButtonOptions options;
    private bool rawActive;
    private bool stableActive;
    private TimeSpan? pendingSince;
    private TimeSpan pressedAt;
    private bool pressAccepted;
    private bool longReported;
    private bool stuckReported;
    private TimeSpan lockoutFrom = TimeSpan.MinValue;
    private TimeSpan lockoutUntil = TimeSpan.MinValue;

    public ButtonTracker(ButtonOptions options) => this.options = options;

    public string Id => options.Id;

    public bool IsDown => stableActive;

    /// <summary>Presses dropped by the lock-out, for the log and the tests.</summary>
    public int SuppressedPresses { get; private set; }

    /// <summary>
    /// The level when the panel starts. A button already down (stuck, or leaned on) gives no Pressed: a ticket
    /// must come from a press the kiosk saw begin, not from a boot. It still counts toward Stuck.
    /// </summary>
    public void Initialize(bool active, TimeSpan now)
    {
        rawActive = stableActive = active;
        pendingSince = null;
        pressAccepted = longReported = stuckReported = false;
        pressedAt = now;
    }

    public void OnLevel(bool active, TimeSpan at, ICollection<ButtonEvent> output)
    {
        Advance(at, output);
        if (active == rawActive)
        {
            // The same level twice: an edge was lost in between (kernel buffer overflow); nothing changes.
            return;
        }

        rawActive = active;
        pendingSince = rawActive != stableActive ? at : null;
    }

    public void Advance(TimeSpan now, ICollection<ButtonEvent> output)
    {
        if (pendingSince is { } since && now - since >= options.Debounce)
        {
            Commit(since, output);
        }

        if (!stableActive)
        {
            return;
        }

        var held = now - pressedAt;
        if (pressAccepted && !longReported && options.LongPress is { } longPress && held >= longPress)
        {
            longReported = true;
            output.Add(new ButtonEvent(Id, ButtonEventKind.LongPressed, pressedAt + longPress));
        }

        if (!stuckReported && held >= options.StuckAfter)
        {
            stuckReported = true;
            output.Add(new ButtonEvent(Id, ButtonEventKind.Stuck, pressedAt + options.StuckAfter));
        }
    }

    /// <summary>When <see cref="Advance"/> next has something to decide, so the reader waits exactly that long.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            if (pendingSince is { } since)
            {
                return since + options.Debounce;
            }

            if (!stableActive)
            {
                return null;
            }

            TimeSpan? next = stuckReported ? null : pressedAt + options.StuckAfter;
            if (pressAccepted && !longReported && options.LongPress is { } longPress)
            {
                var longAt = pressedAt + longPress;
                next = next is { } n && n < longAt ? n : longAt;
            }

            return next;
        }
    }

    public TimeSpan? SettlesAt => pendingSince + options.Debounce;

    /// <summary>The last Pressed the worker has read from this button: the press a ticket notification refers to.</summary>
    public TimeSpan? LastDeliveredPress { get; set; }

    /// <summary>A Pressed was dropped at read time, so its LongPressed and Released are dropped too.</summary>
    public bool DroppingPress { get; set; }

    /// <summary>
    /// The ticket came from the press the worker last read. Any later press, up to the lock-out after the ticket,
    /// is the same impatient patient, including one already queued before the worker got round to notifying.
    /// </summary>
    public void StartLockout(TimeSpan now)
    {
        lockoutFrom = LastDeliveredPress is { } delivered && delivered < now ? delivered : now;
        lockoutUntil = now + options.Lockout;
    }

    public bool IsLockedOut(TimeSpan pressStart) => pressStart > lockoutFrom && pressStart < lockoutUntil;

    public void CountSuppressed() => SuppressedPresses++;

    private void Commit(TimeSpan since, ICollection<ButtonEvent> output)
    {
        stableActive = rawActive;
        pendingSince = null;
        if (stableActive)
        {
            pressedAt = since;
            longReported = stuckReported = false;
            if (IsLockedOut(since))
            {
                SuppressedPresses++;
                pressAccepted = false;
                return;
            }

            pressAccepted = true;
            output.Add(new ButtonEvent(Id, ButtonEventKind.Pressed, since));
            return;
        }

        if (pressAccepted || stuckReported)
        {
            output.Add(new ButtonEvent(Id, ButtonEventKind.Released, since));
        }

        pressAccepted = longReported = stuckReported = false;
    }
}
