using Kiosk.Bpjs.Configuration;
using Kiosk.Bpjs.Fktp;
using Microsoft.Extensions.Options;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>The FKTP service's settings: off without <c>Urls</c>; on, every bad key named in Indonesian in one go, the password never echoed.</summary>
public sealed class FktpOptionsValidatorTests
{
    [Fact]
    public void Without_urls_the_service_is_off_and_nothing_else_is_asked()
    {
        var result = Validator().Validate(null, new FktpOptions());

        Assert.True(result.Succeeded);
        Assert.False(new FktpOptions().Enabled);
    }

    [Fact]
    public void Good_settings_pass()
    {
        var result = Validator().Validate(null, Good());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Every_bad_key_is_named_once_and_the_password_is_not_shown()
    {
        var options = new FktpOptions
        {
            Urls = "http://0.0.0.0:8088/antrean;ftp://x",
            Username = "ada spasi",
            Password = "pendek-rhs",
            TokenMinutes = 0,
            KioskTimeoutSeconds = 99,
        };

        var failures = Validator().Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        Assert.Equal(2, failures.Count(f => f.StartsWith("Bpjs:Fktp:Urls: harus alamat http://", StringComparison.Ordinal)));
        Assert.Contains(failures, f => f.StartsWith("Bpjs:Fktp:Username: harus", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bpjs:Fktp:Password: harus 12-128", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bpjs:Fktp:TokenMinutes: harus 1..1440 menit", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bpjs:Fktp:KioskTimeoutSeconds: harus 1..30 detik", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("pendek-rhs", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_login_is_named()
    {
        var failures = Validator().Validate(null, new FktpOptions { Urls = "http://0.0.0.0:8088" }).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Bpjs:Fktp:Username: wajib diisi", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bpjs:Fktp:Password: wajib diisi", StringComparison.Ordinal));
    }

    [Fact]
    public void A_poli_two_services_share_cannot_take_bookings()
    {
        var failure = Assert.Single(Validator("P-UMUM=001,P-LANSIA=001,P-GIGI=002").Validate(null, Good()).Failures!);

        Assert.Contains("poli BPJS 001 dipetakan ke lebih dari satu layanan (P-LANSIA, P-UMUM)", failure, StringComparison.Ordinal);
    }

    private static FktpOptions Good() => new() { Urls = "http://0.0.0.0:8088", Username = "mobilejkn-pkm", Password = "sandi-rahasia-123" };

    private static FktpOptionsValidator Validator(string poliMap = "P-UMUM=001,P-GIGI=002") =>
        new(Options.Create(new BpjsOptions { PoliMap = poliMap }));
}
