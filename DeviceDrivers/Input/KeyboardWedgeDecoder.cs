using System.Text;
using Kiosk.DeviceDrivers.Native;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// Turns key events from a keyboard-wedge reader into scans: shift and caps state, characters from the layout,
/// a scan ending at a terminator key or when the next key comes after the inter-key gap. Keys with no character
/// become U+FFFD so the parser rejects the scan with a reason instead of a silently changed number.
/// </summary>
public sealed class KeyboardWedgeDecoder
{
    public const char UnknownKey = '\uFFFD';
    private readonly KeyboardLayout layout;
    private readonly TimeSpan interKeyGap;
    private readonly int maxLength;
    private readonly HashSet<ushort> terminators;
    private readonly StringBuilder text = new();
    private bool leftShift;
    private bool rightShift;
    private bool capsLock;
    private bool overflow;
    private bool dropped;
    private TimeSpan lastKey;

    public KeyboardWedgeDecoder(KeyboardLayout layout, TimeSpan interKeyGap, int maxLength = 256, IEnumerable<ushort>? terminatorKeys = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interKeyGap, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        this.layout = layout;
        this.interKeyGap = interKeyGap;
        this.maxLength = maxLength;
        terminators = [.. terminatorKeys ?? [KeyCodes.Enter, KeyCodes.KeypadEnter]];
    }

    public bool HasPartialScan => text.Length > 0 || overflow || dropped;

    /// <summary>Feeds one event; returns the finished scan text and how it ended, if this event finished one.</summary>
    public (string Text, ScanEnd End)? Feed(InputEvent inputEvent)
    {
        if (inputEvent.Type == Libc.EvSyn && inputEvent.Code == Libc.SynDropped)
        {
            // The kernel keeps 64 events per reader (a 10-character scan); when the reader fell behind, keys of the
            // scan in progress are gone. What follows up to its end is not the card's number: it must not be
            // accepted, even when the digits left happen to count 13 or 16.
            dropped = true;
            return null;
        }

        if (inputEvent.Type != Libc.EvKey)
        {
            return null;
        }

        switch (inputEvent.Code)
        {
            case KeyCodes.LeftShift:
                leftShift = inputEvent.Value != 0;
                return null;
            case KeyCodes.RightShift:
                rightShift = inputEvent.Value != 0;
                return null;
        }

        // Only key-down counts: 0 is release, 2 is autorepeat (a reader never holds a key; repeats would duplicate).
        if (inputEvent.Value != 1)
        {
            return null;
        }

        if (inputEvent.Code == KeyCodes.CapsLock)
        {
            capsLock = !capsLock;
            return null;
        }

        (string, ScanEnd)? finished = null;
        // Text or overflow only: a drop with no key yet has no last key to measure a gap from.
        if ((text.Length > 0 || overflow) && inputEvent.Time - lastKey > interKeyGap)
        {
            finished = Take(ScanEnd.Gap);
        }

        lastKey = inputEvent.Time;
        if (terminators.Contains(inputEvent.Code))
        {
            // A bare terminator (reader sending a suffix after a gap already ended the scan) is no scan.
            return finished ?? (HasPartialScan ? Take(overflow ? ScanEnd.Overflow : ScanEnd.Terminator) : null);
        }

        if (text.Length >= maxLength)
        {
            overflow = true;
        }
        else
        {
            text.Append(layout.TryTranslate(inputEvent.Code, leftShift || rightShift, capsLock, out var c) ? c : UnknownKey);
        }

        return finished;
    }

    /// <summary>No key for the gap time (reader without a suffix): ends the scan in progress.</summary>
    public (string Text, ScanEnd End)? FlushIdle() => HasPartialScan ? Take(overflow ? ScanEnd.Overflow : ScanEnd.Gap) : null;

    /// <summary>The device went away: what arrived is half a scan, and the modifier keys are up again.</summary>
    public (string Text, ScanEnd End)? Interrupt()
    {
        leftShift = rightShift = capsLock = false;
        return HasPartialScan ? Take(ScanEnd.Interrupted) : null;
    }

    private (string, ScanEnd) Take(ScanEnd end)
    {
        var result = (text.ToString(), dropped ? ScanEnd.Interrupted : end);
        text.Clear();
        overflow = false;
        dropped = false;
        return result;
    }
}
