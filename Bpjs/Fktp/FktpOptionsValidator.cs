using Kiosk.Bpjs.Configuration;
using Kiosk.Bpjs.Text;
using Microsoft.Extensions.Options;
using static Kiosk.Contract.Text.SettingTeks;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// Names every bad key of <see cref="FktpOptions"/> in one go, one Indonesian line each like
/// <see cref="BpjsOptionsValidator"/>. Nothing to check while the service is off (no <c>Urls</c>). The password is never
/// echoed.
/// </summary>
public sealed class FktpOptionsValidator(IOptions<BpjsOptions> bridge) : IValidateOptions<FktpOptions>
{
    /// <summary>BPJS's own implementations take 8+ characters; a shorter one is guessed over the internet.</summary>
    public const int MinPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, FktpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        void Fail(string key, string reason) => errors.Add(Line($"{FktpOptions.Section}:{key}", reason));

        foreach (var url in options.UrlList)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme != "http"
                || string.IsNullOrEmpty(address.Host) || address.AbsolutePath != "/" || address.Query.Length > 0 || !string.IsNullOrEmpty(address.UserInfo))
            {
                Fail("Urls", MustBe(BpjsTeks.FktpUrlRule, url));
            }
        }

        if (string.IsNullOrWhiteSpace(options.Username))
        {
            Fail("Username", Required(BpjsTeks.FktpUsernameWhy));
        }
        else if (options.Username.Length > 64 || options.Username.Any(c => c is < '!' or > '~'))
        {
            Fail("Username", MustBe(BpjsTeks.FktpUsernameRule, options.Username));
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            Fail("Password", Required(BpjsTeks.FktpPasswordWhy));
        }
        else if (options.Password.Length is < MinPasswordLength or > 128 || options.Password.Any(c => c is < ' ' or > '~'))
        {
            Fail("Password", BpjsTeks.FktpPasswordRule(MinPasswordLength));
        }

        if (options.TokenMinutes is < 1 or > 1440)
        {
            Fail("TokenMinutes", InRange(1, 1440, options.TokenMinutes, "menit"));
        }

        if (options.KioskTimeoutSeconds is < 1 or > 30)
        {
            Fail("KioskTimeoutSeconds", InRange(1, 30, options.KioskTimeoutSeconds, "detik"));
        }

        // BPJS names a poli, the kiosk a service: a poli code two services share cannot say which queue to book.
        if (TryPoliMap(out var byService))
        {
            foreach (var shared in byService.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                Fail("Urls", BpjsTeks.FktpPoliShared(shared.Key, [.. shared.Select(p => p.Key).Order(StringComparer.Ordinal)]));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private bool TryPoliMap(out IReadOnlyDictionary<string, string> byService)
    {
        try
        {
            byService = bridge.Value.PoliByService();
            return true;
        }
        catch (OptionsValidationException)
        {
            // The bridge's own lines name the poli map's problems.
            byService = new Dictionary<string, string>();
            return false;
        }
    }
}
