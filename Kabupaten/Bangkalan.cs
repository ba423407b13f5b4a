namespace Kiosk.Kabupaten;

/// <summary>
/// The Puskesmas of Kabupaten Bangkalan (Madura), the kabupaten of the sample kiosk (UPTD Puskesmas Kokop): the names a
/// Dinkes officer there would recognise on the dashboard.
/// </summary>
public static class Bangkalan
{
    public static IReadOnlyList<(string Id, string Name)> Puskesmas { get; } =
    [
        ("pkm-kokop", "UPTD Puskesmas Kokop"),
        ("pkm-arosbaya", "UPTD Puskesmas Arosbaya"),
        ("pkm-blega", "UPTD Puskesmas Blega"),
        ("pkm-burneh", "UPTD Puskesmas Burneh"),
        ("pkm-galis", "UPTD Puskesmas Galis"),
        ("pkm-geger", "UPTD Puskesmas Geger"),
        ("pkm-kamal", "UPTD Puskesmas Kamal"),
        ("pkm-klampis", "UPTD Puskesmas Klampis"),
        ("pkm-konang", "UPTD Puskesmas Konang"),
        ("pkm-kwanyar", "UPTD Puskesmas Kwanyar"),
        ("pkm-labang", "UPTD Puskesmas Labang"),
        ("pkm-modung", "UPTD Puskesmas Modung"),
        ("pkm-sepulu", "UPTD Puskesmas Sepulu"),
        ("pkm-socah", "UPTD Puskesmas Socah"),
        ("pkm-tanah-merah", "UPTD Puskesmas Tanah Merah"),
        ("pkm-tanjung-bumi", "UPTD Puskesmas Tanjung Bumi"),
        ("pkm-tragah", "UPTD Puskesmas Tragah"),
        ("pkm-bangkalan", "UPTD Puskesmas Bangkalan"),
        ("pkm-jaddih", "UPTD Puskesmas Jaddih"),
        ("pkm-tongguh", "UPTD Puskesmas Tongguh"),
    ];

    /// <summary>
    /// The first <paramref name="count"/> Puskesmas, each with its own day: ordinary days and a rush day in turn (one
    /// Puskesmas in three has the rush), every one with its own seed, so no two sites play the same patients.
    /// </summary>
    public static IReadOnlyList<KabupatenSite> Plan(int count, string? scenario = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Puskesmas.Count);
        return [.. Puskesmas.Take(count).Select((p, i) => new KabupatenSite(p.Id, p.Name, scenario ?? (i % 3 == 2 ? "hari-sibuk" : "hari-biasa"), 101 + i))];
    }
}
