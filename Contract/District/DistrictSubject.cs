namespace Kiosk.Contract.District;

/// <summary>A subject of the district tree as <see cref="DistrictSubjects.TryParse"/> read it.</summary>
public sealed record DistrictSubject(string Site, DistrictSubjectKind Kind, string? KioskId);
