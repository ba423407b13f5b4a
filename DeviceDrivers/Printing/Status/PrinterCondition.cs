namespace Kiosk.DeviceDrivers.Printing.Status;

/// <summary>The one word the kiosk shows and publishes about its printer, worst first when several apply.</summary>
public enum PrinterCondition
{
    /// <summary>The transport cannot read status (a plain USB device file, or a printer that never answers DLE EOT).</summary>
    Unknown = 0,
    Ok,
    PaperNearEnd,
    PaperOut,
    CoverOpen,
    CutterError,
    Offline,
}
