using Kiosk.DistrictLink.Configuration;

namespace Kiosk.District.Tests.Link;

public sealed class LinkOptionsValidatorTests
{
    private static DistrictLinkOptions Good() => new()
    {
        Site = "pkm-kokop",
        Mqtt = new SiteBrokerOptions { Password = "rahasia-bridge" },
        Nats = new DistrictNatsOptions { Urls = "nats://10.0.0.1:4222, nats://10.0.0.2:4222,nats://10.0.0.3", User = "site-pkm-kokop", Password = "rahasia-nats" },
    };

    private static List<string> Problems(DistrictLinkOptions options) =>
        new DistrictLinkOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void A_complete_configuration_passes()
    {
        Assert.Empty(Problems(Good()));
        Assert.Equal(3, Good().Nats.UrlList.Count);
    }

    public static TheoryData<string, Action<DistrictLinkOptions>, string> BadValues => new()
    {
        { "DistrictLink:Site: harus ID Puskesmas", o => o.Site = "pkm.kokop", "tertulis 'pkm.kokop'" },
        { "DistrictLink:Site: harus ID Puskesmas", o => o.Site = "", "tertulis ''" },
        { "DistrictLink:HeartbeatSeconds: harus 5..600 detik", o => o.HeartbeatSeconds = 0, "tertulis 0" },
        { "DistrictLink:RetryMinMilliseconds: harus 10..10000 ms", o => o.RetryMinMilliseconds = 5, "tertulis 5" },
        { "DistrictLink:RetryMaxSeconds: harus 1..300 detik", o => o.RetryMaxSeconds = 0, "tertulis 0" },
        { "DistrictLink:Mqtt:Host: wajib diisi", o => o.Mqtt.Host = " ", "broker Puskesmas" },
        { "DistrictLink:Mqtt:Port: harus 1..65535", o => o.Mqtt.Port = 70000, "tertulis 70000" },
        { "DistrictLink:Mqtt:Password: wajib diisi", o => o.Mqtt.Password = "", "bridge" },
        { "DistrictLink:Mqtt:KeepAliveSeconds: harus 5..600 detik", o => o.Mqtt.KeepAliveSeconds = 1, "tertulis 1" },
        { "DistrictLink:Nats:Urls: wajib diisi", o => o.Nats.Urls = " , ", "tls://" },
        { "DistrictLink:Nats:Urls: harus alamat nats://", o => o.Nats.Urls = "nats://a:4222,http://b:4222", "tertulis 'http://b:4222'" },
        { "DistrictLink:Nats:Urls: harus alamat nats://", o => o.Nats.Urls = "10.0.0.1:4222", "tertulis '10.0.0.1:4222'" },
        { "DistrictLink:Nats:User: wajib diisi", o => o.Nats.User = "", "site-pkm-kokop" },
        { "DistrictLink:Nats:Password: wajib diisi", o => o.Nats.Password = "", "district-setup" },
        { "DistrictLink:Nats:CaFile: wajib diisi", o => o.Nats.Urls = "tls://a:4222", "CA dinas" },
        { "DistrictLink:Nats:CaFile: berkas", o => o.Nats.CaFile = "/tidak/ada/ca.pem", "'/tidak/ada/ca.pem' tidak ada" },
        { "DistrictLink:Nats:AckTimeoutSeconds: harus 1..120 detik", o => o.Nats.AckTimeoutSeconds = 0, "tertulis 0" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Each_bad_value_is_one_Indonesian_line_naming_its_key(string start, Action<DistrictLinkOptions> spoil, string detail)
    {
        var options = Good();
        spoil(options);

        var problem = Assert.Single(Problems(options));
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
        Assert.Contains(detail, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_named_at_once_and_no_password_is_echoed()
    {
        var options = Good();
        options.Site = "a b";
        options.Mqtt.Port = 0;
        options.Nats.Urls = "ftp://x";
        options.Nats.User = "";

        var problems = Problems(options);

        Assert.Equal(4, problems.Count);
        Assert.DoesNotContain(problems, p => p.Contains("rahasia", StringComparison.Ordinal));
    }
}
