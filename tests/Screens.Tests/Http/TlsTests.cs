using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Screens.Hosting;
using Kiosk.Screens.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Tests.Http;

/// <summary>
/// <c>Screens:Tls</c> with a throwaway self-signed certificate made here (as kiosk-setup makes one with openssl): the
/// loket is served over HTTPS with a Secure cookie, plain HTTP sends the loket to HTTPS and keeps the display, and a bad
/// certificate setting stops the start with the key named.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("screens-tls-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Under_tls_the_loket_is_https_only_and_its_cookie_is_secure()
    {
        var (certificatePath, keyPath, thumbprint) = MakeCertificate("sertifikat");
        await using var h = await ScreensHarness.StartAsync(new Dictionary<string, string>
        {
            ["urls"] = "https://127.0.0.1:0;http://127.0.0.1:0",
            ["Screens:Tls:CertificatePath"] = certificatePath,
            ["Screens:Tls:KeyPath"] = keyPath,
        });
        Assert.Equal("https", h.BaseAddress.Scheme);

        var presented = string.Empty;
        using var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.GetCertHashString(HashAlgorithmName.SHA256) ?? string.Empty;
                return presented == thumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = h.BaseAddress, Timeout = ScreensHarness.Wait };
        using (var login = await ScreensHarness.LoginAsync(client, 1, h.Password(1)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith("loket_sesi_1=", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(thumbprint, presented);
        var (status, _) = await ScreensHarness.CommandAsync(client, 1, new { commandId = ScreensHarness.NewId(), type = "serve" });
        Assert.Equal(HttpStatusCode.OK, status);

        var plain = new Uri(h.Screens.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = plain, Timeout = ScreensHarness.Wait };
        using (var page = await http.GetAsync("/loket?loket=1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal(new Uri(h.BaseAddress, "/loket?loket=1"), page.Headers.Location);
        }

        using (var post = await http.PostAsync("/api/loket/masuk", ScreensHarness.Json(new { counter = 1, password = h.Password(1) })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            Assert.Contains("hanya melalui https", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The waiting-room TV keeps its plain address (read-only, no personal data, no certificate to accept).
        using var display = await http.GetAsync("/layar");
        Assert.Equal(HttpStatusCode.OK, display.StatusCode);
    }

    [Fact]
    public async Task A_missing_or_mismatched_certificate_stops_the_start_naming_the_key()
    {
        var missing = await StartFailureAsync("https://127.0.0.1:0", Path.Combine(folder.FullName, "tidak-ada.pem"), Path.Combine(folder.FullName, "tidak-ada.key"));
        Assert.Contains(missing, f => f.StartsWith("Screens:Tls:CertificatePath: berkas '", StringComparison.Ordinal) && f.EndsWith("tidak-ada.pem' tidak ada", StringComparison.Ordinal));
        Assert.Contains(missing, f => f.StartsWith("Screens:Tls:KeyPath: berkas '", StringComparison.Ordinal));

        var (certificate, _, _) = MakeCertificate("satu");
        var (_, otherKey, _) = MakeCertificate("dua");
        var mismatched = await StartFailureAsync("https://127.0.0.1:0", certificate, otherKey);
        Assert.Contains(mismatched, f => f.StartsWith("Screens:Tls:CertificatePath/KeyPath: ", StringComparison.Ordinal));

        var noCertificate = await StartFailureAsync("https://127.0.0.1:0", "", "");
        Assert.Contains(noCertificate, f => f.StartsWith("Screens:Tls:CertificatePath: wajib diisi karena Urls berisi alamat https://", StringComparison.Ordinal));

        var noHttps = await StartFailureAsync("http://127.0.0.1:0", certificate, MakeCertificate("tiga").KeyPath);
        Assert.Contains(noHttps, f => f.StartsWith("Urls: harus berisi alamat https://", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> StartFailureAsync(string urls, string certificatePath, string keyPath)
    {
        await using var app = ScreensApp.Create(
        [
            $"--urls={urls}", "--Screens:SiteId=pkm-kokop", "--Screens:MqttPort=1", "--Logging:LogLevel:Default=None",
            $"--Screens:Tls:CertificatePath={certificatePath}", $"--Screens:Tls:KeyPath={keyPath}",
        ]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        return error.Failures.ToList();
    }

    private (string CertificatePath, string KeyPath, string Thumbprint) MakeCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=screens-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(folder.FullName, name + ".pem");
        var keyPath = Path.Combine(folder.FullName, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }
}
