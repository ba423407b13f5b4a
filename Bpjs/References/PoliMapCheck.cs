using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Text;

namespace Kiosk.Bpjs.References;

/// <summary>The site's poli mapping against the poli list BPJS gives: one Indonesian line per service BPJS would refuse.</summary>
public static class PoliMapCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> poliByService, IReadOnlyList<ReferensiPoli> listed)
    {
        ArgumentNullException.ThrowIfNull(poliByService);
        ArgumentNullException.ThrowIfNull(listed);
        var known = listed.Select(p => p.KodePoli).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            .. poliByService
                .Where(pair => !known.Contains(pair.Value))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => BpjsTeks.PoliNotListed(pair.Key, pair.Value)),
        ];
    }
}
