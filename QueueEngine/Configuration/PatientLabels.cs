using Kiosk.Contract;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Configuration;

/// <summary>
/// The words a head of Puskesmas, an officer or a patient reads for the codes a ticket stores (Bpjs, IbuHamil,
/// Unknown...): the recap, the ticket and the loket screens take them from here, never the code names. The defaults
/// are the one place these words are written; a site overrides any of them under <c>Queue:Labels</c>, e.g.
/// <c>"Payers": { "Umum": "Umum / bayar sendiri" }</c>.
/// </summary>
public sealed class PatientLabels
{
    public Dictionary<string, string> Categories { get; } = new(StringComparer.Ordinal)
    {
        [nameof(PatientCategory.Baru)] = "Pasien baru",
        [nameof(PatientCategory.Lama)] = "Pasien lama",
        [nameof(PatientCategory.Unknown)] = "Tidak diketahui",
    };

    public Dictionary<string, string> Payers { get; } = new(StringComparer.Ordinal)
    {
        [nameof(Payer.Bpjs)] = "BPJS / KIS",
        [nameof(Payer.Umum)] = "Umum",
        [nameof(Payer.Unknown)] = "Tidak diketahui",
    };

    public Dictionary<string, string> Priorities { get; } = new(StringComparer.Ordinal)
    {
        [nameof(PriorityKind.None)] = "Bukan prioritas",
        [nameof(PriorityKind.Lansia)] = "Lansia",
        [nameof(PriorityKind.IbuHamil)] = "Ibu hamil",
        [nameof(PriorityKind.Disabilitas)] = "Disabilitas",
        [nameof(PriorityKind.Balita)] = "Balita",
        [nameof(PriorityKind.Unspecified)] = "Prioritas (jenis tidak ditanyakan)",
    };

    public string For(PatientCategory category) => Lookup(Categories, category.ToString());

    public string For(Payer payer) => Lookup(Payers, payer.ToString());

    public string For(PriorityKind priority) => Lookup(Priorities, priority.ToString());

    /// <summary>A site that blanks a label gets the code rather than an empty cell; the validator names such keys.</summary>
    private static string Lookup(Dictionary<string, string> labels, string code) =>
        labels.TryGetValue(code, out var label) && !string.IsNullOrWhiteSpace(label) ? label : code;
}
