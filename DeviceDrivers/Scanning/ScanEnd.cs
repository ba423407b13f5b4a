namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>How a reader decided a scan was complete.</summary>
public enum ScanEnd
{
    /// <summary>The reader sent its suffix (Enter, CR or LF): the normal, complete scan.</summary>
    Terminator,

    /// <summary>The keys stopped coming for the inter-key gap: readers configured without a suffix end like this.</summary>
    Gap,

    /// <summary>The reader went away mid-scan (unplugged, error): what arrived is only part of a scan.</summary>
    Interrupted,

    /// <summary>More arrived than any scan can be; the rest was dropped until the next terminator.</summary>
    Overflow,
}
