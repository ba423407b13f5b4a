using System.Security.Authentication;

namespace Kiosk.Mqtt;

/// <summary>
/// TLS for the broker connection. Kiosks are often offline with a private CA, so trust comes from a CA file
/// and no online revocation check is made.
/// </summary>
public sealed class MqttTlsOptions
{
    /// <summary>PEM (or DER) file with the CA certificate(s) that sign the broker's certificate. Null: the system trust store.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>Optional client certificate: a PEM certificate (with <see cref="ClientKeyPath"/>) or a PKCS#12 file.</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>PEM private key of the client certificate; null when <see cref="ClientCertificatePath"/> is PKCS#12.</summary>
    public string? ClientKeyPath { get; init; }

    /// <summary>Password of a PKCS#12 client certificate.</summary>
    public string? ClientCertificatePassword { get; init; }

    /// <summary>Name the broker's certificate must carry when it differs from the host connected to (e.g. connecting by IP).</summary>
    public string? ServerName { get; init; }

    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;
}
