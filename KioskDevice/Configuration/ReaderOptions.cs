namespace Kiosk.Device.Configuration;

/// <summary>The QR/card reader at the kiosk.</summary>
public sealed class ReaderOptions
{
    /// <summary><c>evdev</c> (keyboard-wedge USB reader), <c>serial</c>, <c>simulated</c> or <c>none</c>.</summary>
    public string Kind { get; set; } = "none";

    /// <summary>Stable device path, e.g. /dev/input/by-id/usb-...-event-kbd or /dev/serial/by-id/...</summary>
    public string Device { get; set; } = string.Empty;

    public int BaudRate { get; set; } = 9600;

    /// <summary>
    /// An evdev reader's longest pause between two keys of one scan; a longer pause ends a half scan. A USB scanner
    /// types a whole code within milliseconds; a reader behind a slow link (or an emulated USB bus) needs more.
    /// </summary>
    public int InterKeyGapMilliseconds { get; set; } = 150;

    /// <summary>Regular expression for the Puskesmas's own kartu berobat (medical-record number) codes.</summary>
    public string MedicalRecordPattern { get; set; } = @"^RM[-/.]?(?<number>\d{6,10})$";

    /// <summary>
    /// Regular expression for this site's Mobile JKN booking codes: group "code" is kept, group "date" (yyyyMMdd) is
    /// checked against the business day. The default is an assumption; see README, "Mobile JKN".
    /// </summary>
    public string JknBookingPattern { get; set; } = Kiosk.DeviceDrivers.Scanning.ScanParserOptions.DefaultJknBookingPattern;

    /// <summary>Service a scanned BPJS/KIS card or Mobile JKN booking is queued for.</summary>
    public string BpjsService { get; set; } = string.Empty;

    /// <summary>Service a scanned kartu berobat of a non-BPJS patient is queued for.</summary>
    public string ReturningService { get; set; } = string.Empty;
}
