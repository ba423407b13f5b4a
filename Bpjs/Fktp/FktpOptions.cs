namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// The FKTP side of Antrean FKTP (the web service BPJS's Mobile JKN calls at the Puskesmas), section <c>Bpjs:Fktp</c>,
/// from <c>/etc/kiosk/bpjs.env</c> like the rest: <c>Bpjs__Fktp__Urls</c>, <c>Bpjs__Fktp__Username</c>,
/// <c>Bpjs__Fktp__Password</c>. Off while <see cref="Urls"/> is empty. The password is never logged nor echoed.
/// </summary>
public sealed class FktpOptions
{
    public const string Section = "Bpjs:Fktp";

    /// <summary>
    /// Where Kestrel listens, e.g. <c>http://0.0.0.0:8088</c> (several separated by ';'); empty: the service is off.
    /// Plain HTTP only: TLS for BPJS is a reverse proxy's job in front of it (its certificate, its renewal).
    /// </summary>
    public string Urls { get; set; } = string.Empty;

    /// <summary>The user the Puskesmas registered with BPJS for this service (BPJS sends it as <c>x-username</c>).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Its password (BPJS sends it as <c>x-password</c> when it asks for a token).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>How long a token is good for.</summary>
    public int TokenMinutes { get; set; } = 60;

    /// <summary>How long a call waits for the kiosk before BPJS gets "coba lagi".</summary>
    public int KioskTimeoutSeconds { get; set; } = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(Urls);

    /// <summary>The addresses of <see cref="Urls"/> as written, trimmed.</summary>
    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
