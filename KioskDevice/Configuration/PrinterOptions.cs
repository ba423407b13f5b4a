namespace Kiosk.Device.Configuration;

/// <summary>The thermal ticket printer.</summary>
public sealed class PrinterOptions
{
    /// <summary>A name from <see cref="Printing.PrinterTransports"/>: <c>device</c> (/dev/usb/lp0), <c>tcp</c> (network printer, port 9100), <c>serial</c> or <c>simulated</c>.</summary>
    public string Transport { get; set; } = Printing.PrinterTransports.UsbDevice;

    /// <summary>Device file for <c>device</c> and <c>serial</c> (prefer a stable /dev/serial/by-id path).</summary>
    public string Device { get; set; } = "/dev/usb/lp0";

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 9100;

    public int BaudRate { get; set; } = 9600;

    /// <summary>58 or 80 (mm).</summary>
    public int PaperWidthMm { get; set; } = 80;

    /// <summary>ESC t code page number the printer is set to (0 = PC437, 16 = WPC1252, 19 = PC858).</summary>
    public int CodePage { get; set; } = 16;

    /// <summary>Optional 1-bit PBM/BMP logo printed above the header.</summary>
    public string LogoFile { get; set; } = string.Empty;

    /// <summary>Send the QR code as a raster image instead of GS ( k, for printers (older XP-58, POS-58 clones) that print GS ( k as text.</summary>
    public bool QrAsImage { get; set; }

    /// <summary>
    /// For <c>device</c>: the printer answers DLE EOT through its device file (usblp's back channel), as Epson
    /// TM-T20/TM-T82 in printer-class mode do, so paper low/out and cover open are seen before a print. Off by default
    /// because many cheap printers never answer: the status is then Unknown and a fault shows only when a print fails.
    /// </summary>
    public bool Bidirectional { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    public int StatusPollSeconds { get; set; } = 5;
}
