using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kiosk.Broker;
using Kiosk.Mqtt.Tests.Support;

namespace Kiosk.Mqtt.Tests.Client;

/// <summary>TLS against Mosquitto with a throwaway private CA made in the test, as a Puskesmas without internet would have.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private const string ServerName = "mqtt.puskesmas.test";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-mqtt-tls-").FullName;
    private PrivateBroker? broker;
    private int tlsPort;
    private int mutualTlsPort;

    private string CaPath => Path.Combine(folder, "ca.pem");

    private string OtherCaPath => Path.Combine(folder, "other-ca.pem");

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateAuthority("CN=Puskesmas Test CA", caKey, now);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = CreateAuthority("CN=Someone Else's CA", otherKey, now);
        File.WriteAllText(CaPath, ca.ExportCertificatePem());
        File.WriteAllText(OtherCaPath, other.ExportCertificatePem());
        WriteLeaf(ca, "server", $"CN={ServerName}", ServerName, "1.3.6.1.5.5.7.3.1", now);
        WriteLeaf(ca, "client", "CN=kiosk-01", null, "1.3.6.1.5.5.7.3.2", now);

        tlsPort = LoopbackPorts.Take();
        mutualTlsPort = LoopbackPorts.Take();
        broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions
        {
            Site = "test",
            ExtraConfigLines =
            [
                $"listener {tlsPort} 127.0.0.1",
                $"cafile {CaPath}",
                $"certfile {Path.Combine(folder, "server.pem")}",
                $"keyfile {Path.Combine(folder, "server.key")}",
                $"listener {mutualTlsPort} 127.0.0.1",
                $"cafile {CaPath}",
                $"certfile {Path.Combine(folder, "server.pem")}",
                $"keyfile {Path.Combine(folder, "server.key")}",
                "require_certificate true",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Publish_and_subscribe_work_over_TLS_trusting_only_the_private_CA_file()
    {
        var options = TlsOptions("tls-kiosk", tlsPort, new MqttTlsOptions { CaCertificatePath = CaPath, ServerName = ServerName });
        await using var client = await BrokerClients.ConnectedAsync(options);
        await client.SubscribeAsync([new MqttTopicFilter("queue/test/tls", MqttQos.AtLeastOnce)], CancellationToken.None);
        await client.PublishAsync(new MqttApplicationMessage("queue/test/tls", "aman"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
        Assert.Equal("aman", Encoding.UTF8.GetString((await Wait.NextMessageAsync(client, Step)).Payload.Span));
    }

    [Fact]
    public async Task A_client_certificate_is_presented_when_the_listener_requires_one()
    {
        var tls = new MqttTlsOptions
        {
            CaCertificatePath = CaPath,
            ServerName = ServerName,
            ClientCertificatePath = Path.Combine(folder, "client.pem"),
            ClientKeyPath = Path.Combine(folder, "client.key"),
        };
        await using var client = await BrokerClients.ConnectedAsync(TlsOptions("tls-mutual", mutualTlsPort, tls));
        await client.PublishAsync(new MqttApplicationMessage("queue/test/tls", "mutual"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Step);
    }

    [Theory]
    [InlineData("other-ca")]
    [InlineData("no-server-name")]
    public async Task A_broker_certificate_that_does_not_check_out_is_refused(string problem)
    {
        var tls = problem == "other-ca"
            ? new MqttTlsOptions { CaCertificatePath = OtherCaPath, ServerName = ServerName }
            : new MqttTlsOptions { CaCertificatePath = CaPath }; // the certificate names mqtt.puskesmas.test, not 127.0.0.1
        await using var client = new MqttClient(TlsOptions($"tls-{problem}", tlsPort, tls));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);

        var failed = await states.NextAsync(MqttConnectionState.Disconnected, Step);
        Assert.IsType<AuthenticationException>(failed.Error);
        Assert.DoesNotContain(states.All, c => c.NewState == MqttConnectionState.Connected);
    }

    private MqttClientOptions TlsOptions(string clientId, int port, MqttTlsOptions tls)
    {
        var plain = BrokerClients.Options(broker!, clientId, port: port);
        return new MqttClientOptions
        {
            Host = plain.Host,
            Port = port,
            ClientId = clientId,
            Username = plain.Username,
            Password = plain.Password,
            ReconnectMinDelay = plain.ReconnectMinDelay,
            ReconnectMaxDelay = plain.ReconnectMaxDelay,
            Tls = tls,
        };
    }

    private static X509Certificate2 CreateAuthority(string subject, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    private void WriteLeaf(X509Certificate2 authority, string name, string subject, string? dnsName, string usageOid, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        if (dnsName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.Create(authority, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(12));
        File.WriteAllText(Path.Combine(folder, $"{name}.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
    }
}
