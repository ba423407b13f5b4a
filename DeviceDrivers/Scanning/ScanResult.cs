namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>
/// What a scan turned out to be. Every subtype masks its number in <see cref="object.ToString"/>, so logging a
/// result never writes a whole NIK or card number.
/// </summary>
public abstract record ScanResult
{
    public abstract bool IsAccepted { get; }
}

/// <summary>The Puskesmas's own kartu berobat: the medical-record number, as the configured pattern extracts it.</summary>
public sealed record MedicalRecordScan(string Number) : ScanResult
{
    public override bool IsAccepted => true;

    public override string ToString() => $"MedicalRecordScan {{ Number = {PersonalNumber.Mask(Number)} }}";
}

/// <summary>A BPJS Kesehatan / KIS card: 13 digits.</summary>
public sealed record BpjsCardScan(string CardNumber) : ScanResult
{
    public override bool IsAccepted => true;

    public override string ToString() => $"BpjsCardScan {{ CardNumber = {PersonalNumber.Mask(CardNumber)} }}";
}

/// <summary>
/// A NIK (16 digits: province, regency, district, birth date with day+40 for women, serial). The birth year has
/// two digits only, so it stays as given.
/// </summary>
public sealed record NikScan(string Nik, int ProvinceCode, int BirthDay, int BirthMonth, int BirthYearTwoDigits, bool IsFemale) : ScanResult
{
    public override bool IsAccepted => true;

    public override string ToString() => $"NikScan {{ Nik = {PersonalNumber.Mask(Nik)}, ProvinceCode = {ProvinceCode} }}";
}

/// <summary>A Mobile JKN booking code (antrean online); <paramref name="VisitDate"/> when the site's pattern has a "date" group.</summary>
public sealed record JknBookingScan(string BookingCode, DateOnly? VisitDate = null) : ScanResult
{
    public override bool IsAccepted => true;

    public override string ToString() => $"JknBookingScan {{ BookingCode = {PersonalNumber.Mask(BookingCode)} }}";
}

/// <summary>Not a scan the kiosk acts on: <paramref name="Detail"/> in English for the log, <paramref name="PatientMessage"/> in Bahasa Indonesia for the screen.</summary>
public sealed record RejectedScan(ScanRejection Reason, string Detail, string PatientMessage) : ScanResult
{
    public override bool IsAccepted => false;
}
