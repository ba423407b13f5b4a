namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>ESC - n: off, 1-dot or 2-dot underline.</summary>
public enum UnderlineMode
{
    None = 0,
    OneDot = 1,
    TwoDots = 2,
}
