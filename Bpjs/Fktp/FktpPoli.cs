namespace Kiosk.Bpjs.Fktp;

/// <summary>BPJS's kodepoli → the kiosk's service code, the reverse of <c>Bpjs__PoliMap</c> (the validator refuses a poli two services share).</summary>
public sealed class FktpPoli
{
    private readonly Dictionary<string, string> serviceByPoli = new(StringComparer.OrdinalIgnoreCase);

    public FktpPoli(IReadOnlyDictionary<string, string> poliByService)
    {
        ArgumentNullException.ThrowIfNull(poliByService);
        foreach (var (service, poli) in poliByService.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            serviceByPoli.TryAdd(poli, service);
        }
    }

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
}
