using Kiosk.Bpjs.Text;
using Kiosk.Contract.District;
using Microsoft.Extensions.Options;
using static Kiosk.Contract.Text.SettingTeks;

namespace Kiosk.Bpjs.Configuration;

/// <summary>
/// Names every bad key of <see cref="BpjsOptions"/> with its reason, one Indonesian line each in the shapes of
/// <see cref="Kiosk.Contract.Text.SettingTeks"/>, so the technician fixes <c>bpjs.env</c> in one go. The cons id is the
/// only credential ever echoed (it is not secret); the secret, the user key and the password never are.
/// </summary>
public sealed class BpjsOptionsValidator : IValidateOptions<BpjsOptions>
{
    public ValidateOptionsResult Validate(string? name, BpjsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string reason) => errors.Add(Line($"{BpjsOptions.Section}:{key}", reason));

        if (!DistrictSubjects.IsToken(options.Site))
        {
            Fail("Site", MustBe(BpjsTeks.SiteIdRule, options.Site));
        }

        if (string.IsNullOrWhiteSpace(options.ConsId))
        {
            Fail("ConsId", Required(BpjsTeks.ConsIdWhy));
        }
        else if (options.ConsId.Length > 20 || options.ConsId.ContainsAnyExceptInRange('0', '9'))
        {
            Fail("ConsId", MustBe(BpjsTeks.ConsIdRule, options.ConsId));
        }

        if (string.IsNullOrEmpty(options.Secret))
        {
            Fail("Secret", Required(BpjsTeks.SecretWhy));
        }

        if (string.IsNullOrEmpty(options.UserKey))
        {
            Fail("UserKey", Required(BpjsTeks.UserKeyWhy));
        }

        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            Fail("BaseUrl", Required(BpjsTeks.BaseUrlWhy));
        }
        else if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")
                 || string.IsNullOrEmpty(baseUrl.Host) || !string.IsNullOrEmpty(baseUrl.UserInfo) || baseUrl.Query.Length > 0)
        {
            Fail("BaseUrl", MustBe(BpjsTeks.BaseUrlRule, options.BaseUrl));
        }

        ValidatePoli(options, Fail);

        if (string.IsNullOrWhiteSpace(options.OutboxPath))
        {
            Fail("OutboxPath", Required(BpjsTeks.OutboxPathWhy));
        }
        else if (Path.GetDirectoryName(Path.GetFullPath(options.OutboxPath)) is { } folder && !Directory.Exists(folder))
        {
            Fail("OutboxPath", FolderMissing(options.OutboxPath));
        }

        if (options.RetryMinSeconds is < 1 or > 300)
        {
            Fail("RetryMinSeconds", InRange(1, 300, options.RetryMinSeconds, "detik"));
        }

        if (options.RetryMaxSeconds < options.RetryMinSeconds || options.RetryMaxSeconds > 3600)
        {
            Fail("RetryMaxSeconds", InRange(Math.Clamp(options.RetryMinSeconds, 1, 300), 3600, options.RetryMaxSeconds, "detik"));
        }

        ValidateBroker(options.Mqtt, Fail);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidatePoli(BpjsOptions options, Action<string, string> fail)
    {
        foreach (var (service, code) in options.Poli.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!IsServiceCode(service))
            {
                fail($"Poli:{service}", MustBe(BpjsTeks.ServiceCodeRule, service));
            }
            else if (!IsPoliCode(code))
            {
                fail($"Poli:{service}", MustBe(BpjsTeks.PoliCodeRule, code));
            }
        }

        foreach (var (service, code) in options.PoliMapEntries)
        {
            if (code is null || !IsServiceCode(service))
            {
                fail("PoliMap", MustBe(BpjsTeks.PoliMapRule, code is null ? service : $"{service}={code}"));
            }
            else if (!IsPoliCode(code))
            {
                fail("PoliMap", MustBe(BpjsTeks.PoliCodeRule, code));
            }
            else if (options.Poli.TryGetValue(service, out var other) && !string.Equals(other, code, StringComparison.Ordinal))
            {
                fail("PoliMap", BpjsTeks.PoliTwice(service, other, code));
            }
        }

        if (options.Poli.Count == 0 && options.PoliMapEntries.Count == 0)
        {
            fail("PoliMap", Required(BpjsTeks.PoliWhy));
        }
    }

    private static bool IsPoliCode(string? code) => !string.IsNullOrEmpty(code) && code.Length <= 10 && code.All(char.IsAsciiLetterOrDigit);

    private static void ValidateBroker(BpjsBrokerOptions mqtt, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            fail("Mqtt:Host", Required(BpjsTeks.BrokerHostWhy));
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            fail("Mqtt:Port", InRange(1, 65535, mqtt.Port));
        }

        if (string.IsNullOrWhiteSpace(mqtt.Username))
        {
            fail("Mqtt:Username", Required(BpjsTeks.BrokerUserWhy));
        }

        if (string.IsNullOrWhiteSpace(mqtt.PasswordFile))
        {
            fail("Mqtt:PasswordFile", Required(BpjsTeks.PasswordFileWhy));
        }
        else if (!File.Exists(mqtt.PasswordFile))
        {
            fail("Mqtt:PasswordFile", FileMissing(mqtt.PasswordFile));
        }
        else if (mqtt.ReadPassword().Length == 0)
        {
            fail("Mqtt:PasswordFile", BpjsTeks.PasswordFileEmpty(mqtt.PasswordFile));
        }

        if (mqtt.KeepAliveSeconds is < 5 or > 600)
        {
            fail("Mqtt:KeepAliveSeconds", InRange(5, 600, mqtt.KeepAliveSeconds, "detik"));
        }
    }

    private static bool IsServiceCode(string code) =>
        code.Length is >= 1 and <= 32 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
