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
    /// Mobile JKN booking codes; the group "code" is kept. The default (date, poli letter, 3-4 digit number, e.g.
    /// "20261122A012", optionally prefixed "JKN-") must be checked against the codes this Puskesmas really receives.
    /// </summary>
    public string JknBookingPattern { get; set; } = @"^(?:JKN[-:])?(?<code>20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[A-Z]\d{3,4})$";

    public bool AcceptBpjs { get; set; } = true;

    public bool AcceptNik { get; set; } = true;

    public bool AcceptJknBooking { get; set; } = true;

    /// <summary>No card or code the kiosk knows is longer; more is a wrong code or noise.</summary>
    public int MaxLength { get; set; } = 64;

    /// <summary>Configured patterns run with this limit, so a careless pattern cannot hang the kiosk on a crafted scan.</summary>
    public int PatternTimeoutMs { get; set; } = 50;
}
