namespace Kiosk.Bpjs.Configuration;

/// <summary>
/// The bridge's settings, section <c>Bpjs</c>. On a site they come from <c>/etc/kiosk/bpjs.env</c> (root-only, 0600) as
/// environment variables such as <c>Bpjs__ConsId</c> and <c>Bpjs__Poli__P-UMUM=001</c>. The credentials are never logged.
/// </summary>
public sealed class BpjsOptions
{
    public const string Section = "Bpjs";

    /// <summary>The Puskesmas id, the same as the kiosk's <c>Kiosk:Site:Id</c>: the MQTT tree the bridge reads.</summary>
    public string Site { get; set; } = string.Empty;

    /// <summary>BPJS's consumer id for this FKTP (<c>X-cons-id</c>).</summary>
    public string ConsId { get; set; } = string.Empty;

    /// <summary>The consumer secret: signs every request and keys the answers' encryption.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The Antrean FKTP <c>user_key</c>.</summary>
    public string UserKey { get; set; } = string.Empty;

    /// <summary>The Antrean FKTP service's base address, e.g. <c>https://apijkn.bpjs-kesehatan.go.id/antreanfktp/</c>.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The site's service codes (the kiosk's <c>serviceCode</c>) that BPJS knows as a poli, with BPJS's poli code:
    /// <c>Bpjs__Poli__P-UMUM=001</c>. A service not listed here is never reported (the registration loket is not a poli).
    /// </summary>
    public Dictionary<string, string> Poli { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The same mapping in one line, <c>Bpjs__PoliMap=P-UMUM=001,P-GIGI=002</c>: systemd drops an environment variable
    /// whose name holds anything but letters, digits and '_' (its VALID_BASH_ENV_NAME_CHARS), so a service code with a
    /// '-' (every poli of the sample configuration) can only reach the bridge from bpjs.env this way.
    /// </summary>
    public string PoliMap { get; set; } = string.Empty;

    /// <summary>The entries of <see cref="PoliMap"/> as written (service, poli code); an entry without '=' has a null code.</summary>
    public IReadOnlyList<(string Service, string? Code)> PoliMapEntries =>
    [
        .. PoliMap.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2, StringSplitOptions.TrimEntries) is [var service, var code] ? (service, (string?)code) : (entry, null)),
    ];

    /// <summary>Every mapped service with its BPJS poli code, from <see cref="Poli"/> and <see cref="PoliMap"/> together.</summary>
    public IReadOnlyDictionary<string, string> PoliByService()
    {
        var all = new Dictionary<string, string>(Poli, StringComparer.OrdinalIgnoreCase);
        foreach (var (service, code) in PoliMapEntries)
        {
            if (code is not null)
            {
                all[service] = code;
            }
        }

        return all;
    }

    /// <summary>The outbox's SQLite file.</summary>
    public string OutboxPath { get; set; } = "/var/lib/kiosk/bpjs-outbox.db";

    /// <summary>First wait after a report BPJS did not take; doubles per attempt (with jitter) up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryMinSeconds { get; set; } = 5;

    public int RetryMaxSeconds { get; set; } = 300;

    public BpjsBrokerOptions Mqtt { get; set; } = new();
}
