namespace Kiosk.DeviceDrivers.Input;

/// <summary>A keyboard-wedge (USB HID) QR or card reader.</summary>
public sealed class EvdevScanReaderOptions
{
    /// <summary>Prefer /dev/input/by-id/usb-...-event-kbd: eventN numbers change between boots and replugs.</summary>
    public string DevicePath { get; set; } = string.Empty;

    /// <summary>Keys further apart than this end a scan (readers set without an Enter suffix).</summary>
    public int InterKeyGapMs { get; set; } = 150;

    /// <summary>Take the device exclusively so scans never type into a console or another program.</summary>
    public bool Grab { get; set; } = true;

    /// <summary>How often an absent reader is looked for again.</summary>
    public int ReopenIntervalMs { get; set; } = 1000;

    /// <summary>Longer input is cut and the scan marked as overflow (the parser rejects it).</summary>
    public int MaxScanLength { get; set; } = 256;

    /// <summary>Null: the layout of this process (24-byte events on 64-bit, 16 on armhf). Set only to replay recordings.</summary>
    public InputEventLayout? Layout { get; set; }

    /// <summary>Overrides on the US layout: key code -> plain and shifted character, e.g. "12": "-_".</summary>
    public Dictionary<string, string> KeyMapOverrides { get; set; } = [];

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DevicePath))
        {
            problems.Add("DevicePath is required (see the doctor's list of input devices)");
        }

        if (InterKeyGapMs is < 10 or > 5000)
        {
            problems.Add($"InterKeyGapMs {InterKeyGapMs} must be 10..5000");
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
            throw new DeviceConfigurationException("Keyboard-wedge reader configuration is invalid: " + string.Join("; ", problems) + ".");
        }
    }
}
