namespace Kiosk.Device.Configuration;

/// <summary>The site broker connection. The kiosk connects as the <c>kiosk</c> role user.</summary>
public sealed class MqttOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string Username { get; set; } = "kiosk";

    public string Password { get; set; } = string.Empty;

    /// <summary>Id of this kiosk within the site (a site may have more than one entrance).</summary>
    public string KioskId { get; set; } = "kiosk-1";

    public int KeepAliveSeconds { get; set; } = 15;

    public bool UseTls { get; set; }

    /// <summary>PEM file of the private CA that signed the broker's certificate (offline Pi: no online revocation).</summary>
    public string CaCertificateFile { get; set; } = string.Empty;

    public string ClientCertificateFile { get; set; } = string.Empty;

    public string ClientKeyFile { get; set; } = string.Empty;

    /// <summary>Name expected in the broker certificate when it differs from <see cref="Host"/>.</summary>
    public string ServerName { get; set; } = string.Empty;
}
