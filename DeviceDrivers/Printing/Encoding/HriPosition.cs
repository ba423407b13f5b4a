namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>GS H n: where the human-readable text of a barcode goes.</summary>
public enum HriPosition
{
    None = 0,
    Above = 1,
    Below = 2,
    Both = 3,
}
