namespace Kiosk.Device.Configuration;

/// <summary>The Puskesmas itself: what the ticket header shows and which clock the business day follows.</summary>
public sealed class SiteOptions
{
    /// <summary>Topic-safe site id, e.g. <c>pkm-kokop</c>; the prefix of every MQTT topic.</summary>
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    /// <summary>IANA zone of the site: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). Never the machine's zone.</summary>
    public string TimeZone { get; set; } = string.Empty;

    /// <summary>Where patients wait for their call, printed on every ticket (e.g. "Ruang tunggu depan loket"); empty = not printed.</summary>
    public string WaitingArea { get; set; } = string.Empty;

    /// <summary>Complaint channels the SOPs publish (kotak saran, WhatsApp, SMS, email, media sosial); printed on every ticket.</summary>
    public ComplaintChannelOptions Complaints { get; set; } = new();

    /// <summary>
    /// The patient page of the screens host, ending in '/', e.g. <c>http://192.168.1.10:8080/tiket/</c>: the ticket's QR
    /// code is this address followed by the ticket's token, so a patient follows the queue on a phone. Empty = the QR
    /// keeps the ticket id (<c>ANTREAN:{id}</c>) for a counter scanner.
    /// </summary>
    public string PatientPageUrl { get; set; } = string.Empty;
}
