namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>GS ( k fn 69 levels; the value is the parameter byte the printer expects (48..51).</summary>
public enum QrErrorCorrection
{
    L = 48,
    M = 49,
    Q = 50,
    H = 51,
}
