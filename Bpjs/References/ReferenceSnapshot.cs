using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.References;

/// <summary>
/// BPJS's poli list and the doctors' schedules of the mapped polis for one day, as fetched together. A poli BPJS gave no
/// schedule for that day has an empty list.
/// </summary>
public sealed record ReferenceSnapshot(
    DateOnly Day,
    IReadOnlyList<ReferensiPoli> Poli,
    IReadOnlyDictionary<string, IReadOnlyList<ReferensiDokter>> Dokter,
    DateTimeOffset FetchedAt)
{
    public ReferensiPoli? PoliOf(string kodePoli) =>
        Poli.FirstOrDefault(p => string.Equals(p.KodePoli, kodePoli, StringComparison.OrdinalIgnoreCase));

    /// <summary>The day's first listed doctor of the poli (BPJS's own order), or null when none is scheduled.</summary>
    public ReferensiDokter? FirstDoctorOf(string kodePoli) =>
        Dokter.TryGetValue(kodePoli, out var list) && list.Count > 0 ? list[0] : null;
}
