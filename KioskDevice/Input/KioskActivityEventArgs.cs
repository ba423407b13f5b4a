namespace Kiosk.Device.Input;

/// <summary>
/// One front-panel happening: where from (button id or "scan"), what kind, the message shown, the number if any, and
/// for a button press, how many button tickets wait behind the one printing once it happened (what a "waiting" lamp
/// shows; null for a scan or a technician's long press, which say nothing about that line).
/// </summary>
public sealed class KioskActivityEventArgs(string source, string kind, string message, string? number, int? waiting = null) : EventArgs
{
    public int? Waiting { get; } = waiting;

    public string Source { get; } = source;

    public string Kind { get; } = kind;

    public string Message { get; } = message;

    public string? Number { get; } = number;
}
