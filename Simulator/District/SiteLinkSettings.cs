namespace Kiosk.Simulator.District;

/// <summary>What a site's district link needs to reach the district's NATS cluster as that site.</summary>
/// <param name="NatsUrls">Every node of the cluster (<c>nats://</c> or <c>tls://</c>).</param>
/// <param name="User">The site's own NATS user (may publish only under its own site id).</param>
/// <param name="CaFile">PEM of the district's private CA when the urls are <c>tls://</c>; null otherwise.</param>
public sealed record SiteLinkSettings(IReadOnlyList<string> NatsUrls, string User, string Password, string? CaFile);
