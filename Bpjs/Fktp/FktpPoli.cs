using Kiosk.Bpjs.References;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// BPJS's kodepoli → the kiosk's service code, the reverse of <c>Bpjs__PoliMap</c> (the validator refuses a poli two
/// services share), and the poli's name Mobile JKN shows the patient (<c>namapoli</c>), from the "referensi poli" the
/// bridge keeps.
/// </summary>
/// <param name="references">The references in use (<see cref="BpjsReferences.Current"/>), read at each call: the list
/// may arrive, or be renewed at midnight, while the service runs. Null: none.</param>
public sealed class FktpPoli(IReadOnlyDictionary<string, string> poliByService, Func<ReferenceSnapshot?>? references = null)
{
    private readonly Dictionary<string, string> serviceByPoli = Reverse(poliByService);

    public bool TryService(string kodePoli, out string serviceCode)
    {
        if (serviceByPoli.TryGetValue(kodePoli, out var found))
        {
            serviceCode = found;
            return true;
        }

        serviceCode = string.Empty;
        return false;
    }

    /// <summary>
    /// <c>namapoli</c> for a mapped <paramref name="kodePoli"/>: BPJS's own name from the references in use; while there
    /// is no list yet (a bridge started offline with nothing kept) or it does not name this poli, the kiosk's service
    /// code the poli is mapped to (what the technician wrote in <c>Bpjs__PoliMap</c>, e.g. P-UMUM).
    /// </summary>
    public string NameOf(string kodePoli)
    {
        var listed = references?.Invoke()?.PoliOf(kodePoli)?.NamaPoli;
        if (!string.IsNullOrWhiteSpace(listed))
        {
            return listed;
        }

        return TryService(kodePoli, out var service) ? service : kodePoli;
    }

    private static Dictionary<string, string> Reverse(IReadOnlyDictionary<string, string> poliByService)
    {
        ArgumentNullException.ThrowIfNull(poliByService);
        var reversed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (service, poli) in poliByService.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            reversed.TryAdd(poli, service);
        }

        return reversed;
    }
}
