using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.District.Cluster;

/// <summary>
/// The district's own certificate authority (ECDSA P-256): it signs each node's server certificate, and the sites
/// trust only it (their link gets <c>ca.pem</c>), so no public CA and no internet access is needed. Everything is
/// written as PEM; private keys are 0600.
/// </summary>
public sealed class PrivateCa : IDisposable
{
    private static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ServerValidity = TimeSpan.FromDays(825);
    private readonly X509Certificate2 certificate;
    private readonly ECDsa key;

    private PrivateCa(X509Certificate2 certificate, ECDsa key)
    {
        this.certificate = certificate;
        this.key = key;
    }

    public string CertificatePem => certificate.ExportCertificatePem();

    public static PrivateCa Create(string commonName)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new PrivateCa(request.CreateSelfSigned(now.AddMinutes(-5), now.Add(CaValidity)), key);
    }

    /// <summary>Reads a CA written by <see cref="Write"/> (to add nodes or renew their certificates later).</summary>
    public static PrivateCa Load(string certificateFile, string keyFile)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        return new PrivateCa(X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile)), key);
    }

    public void Write(string certificateFile, string keyFile)
    {
        WritePem(certificateFile, CertificatePem, secret: false);
        WritePem(keyFile, key.ExportPkcs8PrivateKeyPem(), secret: true);
    }

    /// <summary>
    /// A server certificate for one node, valid for 127.0.0.1, localhost and <paramref name="hostnames"/> (names or
    /// IP addresses), written as <paramref name="certificateFile"/> and <paramref name="keyFile"/> (0600).
    /// </summary>
    public void IssueServerCertificate(string nodeName, IEnumerable<string> hostnames, string certificateFile, string keyFile)
    {
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={nodeName}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        foreach (var host in hostnames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out var address))
            {
                if (!address.Equals(IPAddress.Loopback))
                {
                    names.AddIpAddress(address);
                }
            }
            else if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddMinutes(-5), now.Add(ServerValidity), serial);
        WritePem(certificateFile, issued.ExportCertificatePem(), secret: false);
        WritePem(keyFile, serverKey.ExportPkcs8PrivateKeyPem(), secret: true);
    }

    public void Dispose()
    {
        certificate.Dispose();
        key.Dispose();
    }

    private static void WritePem(string path, string pem, bool secret)
    {
        // A key is created 0600 from its first byte, never world-readable for a moment.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret)
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
            writer.Write('\n');
        }

        if (secret)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
