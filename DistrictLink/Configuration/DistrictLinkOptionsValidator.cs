using Kiosk.Contract.District;
using Kiosk.DistrictLink.Text;
using Microsoft.Extensions.Options;
using static Kiosk.Contract.Text.SettingTeks;

namespace Kiosk.DistrictLink.Configuration;

/// <summary>
/// Names every bad key of <see cref="DistrictLinkOptions"/> with its reason, one Indonesian line each in the shapes of
/// <see cref="Kiosk.Contract.Text.SettingTeks"/>, so the technician fixes <c>district.env</c> in one go. Passwords are
/// never echoed back.
/// </summary>
public sealed class DistrictLinkOptionsValidator : IValidateOptions<DistrictLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, DistrictLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string reason) => errors.Add(Line($"{DistrictLinkOptions.Section}:{key}", reason));

        if (!DistrictSubjects.IsToken(options.Site))
        {
            Fail("Site", MustBe(LinkTeks.SiteIdRule, options.Site));
        }

        if (options.HeartbeatSeconds is < 5 or > 600)
        {
            Fail("HeartbeatSeconds", InRange(5, 600, options.HeartbeatSeconds, "detik"));
        }

        if (options.RetryMinMilliseconds is < 10 or > 10_000)
        {
            Fail("RetryMinMilliseconds", InRange(10, 10_000, options.RetryMinMilliseconds, "ms"));
        }

        if (options.RetryMaxSeconds is < 1 or > 300)
        {
            Fail("RetryMaxSeconds", InRange(1, 300, options.RetryMaxSeconds, "detik"));
        }

        var mqtt = options.Mqtt;
        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            Fail("Mqtt:Host", Required(LinkTeks.BrokerHostWhy));
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            Fail("Mqtt:Port", InRange(1, 65535, mqtt.Port));
        }

        if (string.IsNullOrEmpty(mqtt.Password))
        {
            Fail("Mqtt:Password", Required(LinkTeks.BrokerPasswordWhy));
        }

        if (mqtt.KeepAliveSeconds is < 5 or > 600)
        {
            Fail("Mqtt:KeepAliveSeconds", InRange(5, 600, mqtt.KeepAliveSeconds, "detik"));
        }

        ValidateNats(options.Nats, Fail);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateNats(DistrictNatsOptions nats, Action<string, string> fail)
    {
        var urls = nats.UrlList;
        if (urls.Count == 0)
        {
            fail("Nats:Urls", Required(LinkTeks.NatsUrlsWhy));
        }
        else if (urls.FirstOrDefault(u => !IsNatsUrl(u)) is { } bad)
        {
            fail("Nats:Urls", MustBe(LinkTeks.NatsUrlRule, bad));
        }

        if (string.IsNullOrWhiteSpace(nats.User))
        {
            fail("Nats:User", Required(LinkTeks.NatsUserWhy));
        }

        if (string.IsNullOrEmpty(nats.Password))
        {
            fail("Nats:Password", Required(LinkTeks.NatsPasswordWhy));
        }

        if (!string.IsNullOrEmpty(nats.CaFile) && !File.Exists(nats.CaFile))
        {
            fail("Nats:CaFile", FileMissing(nats.CaFile));
        }
        else if (string.IsNullOrEmpty(nats.CaFile) && urls.Any(u => u.StartsWith("tls://", StringComparison.OrdinalIgnoreCase)))
        {
            fail("Nats:CaFile", Required(LinkTeks.CaFileWhy));
        }

        if (nats.AckTimeoutSeconds is < 1 or > 120)
        {
            fail("Nats:AckTimeoutSeconds", InRange(1, 120, nats.AckTimeoutSeconds, "detik"));
        }
    }

    private static bool IsNatsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "nats" or "tls"
        && !string.IsNullOrEmpty(uri.Host)
        && uri.AbsolutePath is "" or "/"
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.Query.Length == 0;
}
