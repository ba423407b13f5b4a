namespace Kiosk.Bpjs.Configuration;

/// <summary>The site's Mosquitto, reached as the <c>bpjs</c> role (it reads the events; it writes only its private card requests).</summary>
public sealed class BpjsBrokerOptions
{
    /// <summary>The broker role (and user) of the bridge.</summary>
    public const string Role = Broker.BrokerRoles.Bpjs;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string Username { get; set; } = Role;

    /// <summary>A file holding only the <c>bpjs</c> user's password (made by <c>kiosk-setup --bpjs</c>), so it is in no environment listing.</summary>
    public string PasswordFile { get; set; } = "/etc/kiosk/bpjs-broker-password";

    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>The password read from <see cref="PasswordFile"/> (trailing line break dropped); empty when it cannot be read.</summary>
    public string ReadPassword()
    {
        try
        {
            return File.Exists(PasswordFile) ? File.ReadAllText(PasswordFile).TrimEnd('\r', '\n') : string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
