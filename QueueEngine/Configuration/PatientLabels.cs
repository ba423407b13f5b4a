using Kiosk.Contract;
using Kiosk.Queue.Model;
using Kiosk.Queue.Text;

namespace Kiosk.Queue.Configuration;

/// <summary>
/// The words a head of Puskesmas, an officer or a patient reads for the codes a ticket stores (Bpjs, IbuHamil,
/// Unknown...): the recap, the ticket and the loket screens take them from here, never the code names. The defaults
/// are written once, in <see cref="Teks.Pasien"/>; a site overrides any of them under <c>Queue:Labels</c>, e.g.
/// <c>"Payers": { "Umum": "Umum / bayar sendiri" }</c>.
/// </summary>
public sealed class PatientLabels
{
    public Dictionary<string, string> Categories { get; } = new(StringComparer.Ordinal)
    {
        [nameof(PatientCategory.Baru)] = Teks.Pasien.CategoryNew,
        [nameof(PatientCategory.Lama)] = Teks.Pasien.CategoryReturning,
        [nameof(PatientCategory.Unknown)] = Teks.Pasien.NotKnown,
    };

    public Dictionary<string, string> Payers { get; } = new(StringComparer.Ordinal)
    {
        [nameof(Payer.Bpjs)] = Teks.Pasien.PayerBpjs,
        [nameof(Payer.Umum)] = Teks.Pasien.PayerUmum,
        [nameof(Payer.Unknown)] = Teks.Pasien.NotKnown,
    };

    public Dictionary<string, string> Priorities { get; } = new(StringComparer.Ordinal)
    {
        [nameof(PriorityKind.None)] = Teks.Pasien.NotPriority,
        [nameof(PriorityKind.Lansia)] = Teks.Pasien.Lansia,
        [nameof(PriorityKind.IbuHamil)] = Teks.Pasien.IbuHamil,
        [nameof(PriorityKind.Disabilitas)] = Teks.Pasien.Disabilitas,
        [nameof(PriorityKind.Balita)] = Teks.Pasien.Balita,
        [nameof(PriorityKind.Unspecified)] = Teks.Pasien.PriorityUnspecified,
    };

    public string For(PatientCategory category) => Lookup(Categories, category.ToString());

    public string For(Payer payer) => Lookup(Payers, payer.ToString());

    public string For(PriorityKind priority) => Lookup(Priorities, priority.ToString());

    /// <summary>A site that blanks a label gets the code rather than an empty cell; the validator names such keys.</summary>
    private static string Lookup(Dictionary<string, string> labels, string code) =>
        labels.TryGetValue(code, out var label) && !string.IsNullOrWhiteSpace(label) ? label : code;
}
