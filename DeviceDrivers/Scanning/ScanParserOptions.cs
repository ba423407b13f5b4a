namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>Which scans the kiosk accepts and how the Puskesmas's own card and booking codes look.</summary>
public sealed class ScanParserOptions
{
    /// <summary>
    /// The kartu berobat QR/barcode. The named group "number" is the medical-record number (the whole match
    /// without it). It is tried first, so the Puskesmas's own format wins over the national ones.
    /// </summary>
    public string MedicalRecordPattern { get; set; } = @"^RM[-/.]?(?<number>\d{6,10})$";

    /// <summary>
    /// Mobile JKN booking codes; the group "code" is kept, the optional group "date" (yyyyMMdd) is the visit day the
    /// kiosk checks against its business day. The default (date, poli letter, 3-4 digit number, e.g. "20261122A012",
    /// optionally prefixed "JKN-") is an assumption, not a published format: each site sets the pattern of the codes it
    /// really receives (Kiosk:Reader:JknBookingPattern).
    /// </summary>
    public string JknBookingPattern { get; set; } = DefaultJknBookingPattern;

    public const string DefaultJknBookingPattern = @"^(?:JKN[-:])?(?<code>(?<date>20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[A-Z]\d{3,4})$";

    public bool AcceptBpjs { get; set; } = true;

    public bool AcceptNik { get; set; } = true;

    public bool AcceptJknBooking { get; set; } = true;

    /// <summary>No card or code the kiosk knows is longer; more is a wrong code or noise.</summary>
    public int MaxLength { get; set; } = 64;

    /// <summary>Configured patterns run with this limit, so a careless pattern cannot hang the kiosk on a crafted scan.</summary>
    // 500 ms, not less: the timeout is wall-clock, so a Pi (or CI) under load that deschedules the reader thread must
    // not turn a valid card into "cannot read"; it still bounds a pathological site pattern.
    public int PatternTimeoutMs { get; set; } = 500;
}
