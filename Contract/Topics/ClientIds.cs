namespace Kiosk.Contract.Topics;

/// <summary>
/// MQTT client ids with a meaning. A new connection with an existing client id takes that session over, so the
/// kiosk's ids are reserved for the kiosk's broker user (the broker's client-id plugin refuses anyone else).
/// </summary>
public static class ClientIds
{
    /// <summary>Every client id starting with this belongs to the <c>kiosk</c> broker user.</summary>
    public const string KioskPrefix = "kiosk-";

    /// <summary><c>kiosk-{site}-{kioskId}</c>: the kiosk's persistent session, where the commands for it queue.</summary>
    public static string Kiosk(string site, string kioskId) => $"{KioskPrefix}{site}-{kioskId}";

    /// <summary>A short-lived connection of a kiosk tool (doctor, the broker's readiness probe), under the kiosk user.</summary>
    public static string KioskTool(string tool, int processId) => $"{KioskPrefix}{tool}-{processId}";

    /// <summary>
    /// <c>district-link-{site}</c>: the district link's persistent session under the <c>bridge</c> user, where a site's
    /// events and status wait while the link or the district is down. Fixed per site so a restarted link takes its
    /// queue back instead of starting an empty one.
    /// </summary>
    public static string DistrictLink(string site) => $"district-link-{site}";

    /// <summary>Every client id starting with this belongs to the <c>bpjs</c> broker user (the BPJS bridge).</summary>
    public const string BpjsPrefix = "bpjs-";

    /// <summary>
    /// <c>bpjs-{site}</c>: the BPJS bridge's persistent session under the <c>bpjs</c> user, where the site's events wait
    /// while the bridge is down. Reserved for that user, so no other login can take the session over and erase them.
    /// </summary>
    public static string Bpjs(string site) => $"{BpjsPrefix}{site}";

    /// <summary>
    /// <c>bpjs-{site}-cards</c>: the BPJS bridge's short-lived (clean session) connection that asks the kiosk for cards;
    /// apart from <see cref="Bpjs"/> so a question never waits behind the event backlog.
    /// </summary>
    public static string BpjsCards(string site) => $"{BpjsPrefix}{site}-cards";
}
