namespace Kiosk.Kabupaten;

public sealed class KabupatenOptions
{
    public const int DefaultSites = 5;

    public IReadOnlyList<KabupatenSite> Sites { get; init; } = Bangkalan.Plan(DefaultSites);

    /// <summary>The dashboard's port on 127.0.0.1; 0 takes a free one.</summary>
    public int Port { get; init; }

    /// <summary>TLS on the site links with a private CA, as in the field.</summary>
    public bool Tls { get; init; } = true;

    /// <summary>Where the kiosks keep their data; a temporary folder removed on exit when null.</summary>
    public string? Folder { get; init; }
}
