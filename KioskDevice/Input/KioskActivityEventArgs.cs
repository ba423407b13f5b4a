namespace Kiosk.Device.Input;

/// <summary>One front-panel happening: where from (button id or "scan"), what kind, the message shown, the number if any.</summary>
public sealed class KioskActivityEventArgs(string source, string kind, string message, string? number) : EventArgs
{
    public string Source { get; } = source;

    public string Kind { get; } = kind;

    public string Message { get; } = message;

    public string? Number { get; } = number;
}
