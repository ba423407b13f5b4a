using Kiosk.DeviceDrivers.Serial;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>A line-based serial reader (USB CDC-ACM or a UART), e.g. /dev/ttyACM0 at 9600 8N1.</summary>
public sealed class SerialScanReaderOptions
{
    public string DevicePath { get; set; } = string.Empty;

    public int BaudRate { get; set; } = 9600;

    /// <summary>Bytes further apart than this end a scan (readers set without a CR/LF suffix).</summary>
    public int InterByteGapMs { get; set; } = 150;

    public int ReopenIntervalMs { get; set; } = 1000;

    public int MaxScanLength { get; set; } = 256;

    internal SerialSettings Settings => new(DevicePath, BaudRate);

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DevicePath))
        {
            problems.Add("DevicePath is required (see the doctor's list of serial ports)");
        }

        if (!SerialSettings.SupportedBaudRates.Contains(BaudRate))
        {
            problems.Add($"BaudRate {BaudRate} is not one of {string.Join(", ", SerialSettings.SupportedBaudRates.Order())}");
        }

        if (InterByteGapMs is < 10 or > 5000)
        {
            problems.Add($"InterByteGapMs {InterByteGapMs} must be 10..5000");
        }

        if (ReopenIntervalMs is < 10 or > 60_000)
        {
            problems.Add($"ReopenIntervalMs {ReopenIntervalMs} must be 10..60000");
        }

        if (MaxScanLength is < 16 or > 4096)
        {
            problems.Add($"MaxScanLength {MaxScanLength} must be 16..4096");
        }

        if (problems.Count > 0)
        {
            throw new DeviceConfigurationException("Serial reader configuration is invalid: " + string.Join("; ", problems) + ".");
        }
    }
}
