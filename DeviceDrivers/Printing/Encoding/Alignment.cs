namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>ESC a n: 0 left, 1 centre, 2 right.</summary>
public enum Alignment
{
    Left = 0,
    Center = 1,
    Right = 2,
}
