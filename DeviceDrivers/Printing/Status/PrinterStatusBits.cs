namespace Kiosk.DeviceDrivers.Printing.Status;

/// <summary>Every status bit the printer reported (several can be set at once: cover open also means offline).</summary>
[Flags]
public enum PrinterStatusBits
{
    None = 0,
    Offline = 1 << 0,
    CoverOpen = 1 << 1,
    PaperNearEnd = 1 << 2,
    PaperOut = 1 << 3,
    CutterError = 1 << 4,
    UnrecoverableError = 1 << 5,
    AutoRecoverableError = 1 << 6,
    FeedButtonPressed = 1 << 7,
    PaperEndStop = 1 << 8,

    /// <summary>The printer could not be reached at all (no connection, no device, no reply).</summary>
    Unreachable = 1 << 9,
}
