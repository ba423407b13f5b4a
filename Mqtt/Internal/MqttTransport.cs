using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.Mqtt.Internal;

/// <summary>Opens the byte stream to the broker: TCP, optionally wrapped in TLS trusted through a CA file.</summary>
internal static class MqttTransport
{
    public static async Task<Stream> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new QuickAckNetworkStream(socket);
        network.Arm();
        if (options.Tls is null)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(CreateAuthenticationOptions(options.Host, options.Tls), cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static SslClientAuthenticationOptions CreateAuthenticationOptions(string host, MqttTlsOptions tls)
    {
        var authorities = tls.CaCertificatePath is null ? null : LoadAuthorities(tls.CaCertificatePath);
        var result = new SslClientAuthenticationOptions
        {
            TargetHost = tls.ServerName ?? host,
            EnabledSslProtocols = tls.Protocols,
            // A kiosk behind a clinic's flaky uplink with a private CA has no revocation endpoint to ask.
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, authorities),
        };

        if (tls.ClientCertificatePath is not null)
        {
            result.ClientCertificates = [LoadClientCertificate(tls)];
        }

        return result;
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? authorities)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        if (authorities is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // The system store does not know the private CA: build the chain again against the CA file only.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var collection = new X509Certificate2Collection();
        var text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            collection.ImportFromPem(text);
        }
        else
        {
            collection.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        if (collection.Count == 0)
        {
            throw new InvalidOperationException($"The CA file '{path}' holds no certificate.");
        }

        return collection;
    }

    private static X509Certificate2 LoadClientCertificate(MqttTlsOptions tls)
    {
        if (tls.ClientKeyPath is not null)
        {
            return X509Certificate2.CreateFromPemFile(tls.ClientCertificatePath!, tls.ClientKeyPath);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(tls.ClientCertificatePath!, tls.ClientCertificatePassword);
    }
}
