namespace Kiosk.DistrictLink.Configuration;

/// <summary>The district's NATS cluster: the link only connects out to it (a Puskesmas sits behind NAT).</summary>
public sealed class DistrictNatsOptions
{
    /// <summary>Every node, comma-separated: <c>tls://h1:4222,tls://h2:4222,tls://h3:4222</c> (or nats:// on a closed network).</summary>
    public string Urls { get; set; } = string.Empty;

    /// <summary>This site's NATS user; the cluster lets it publish only under <c>puskesmas.{site}.&gt;</c>.</summary>
    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    /// <summary>PEM of the district's private CA (made by district-setup); required for tls:// addresses.</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>How long one publish waits for JetStream's acknowledgement before it is retried.</summary>
    public int AckTimeoutSeconds { get; set; } = 10;

    public IReadOnlyList<string> UrlList =>
        [.. Urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
