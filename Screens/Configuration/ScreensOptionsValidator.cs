using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Screens.Text;
using Microsoft.Extensions.Options;
using static Kiosk.Contract.Text.SettingTeks;

namespace Kiosk.Screens.Configuration;

/// <summary>Checks every key at start and names each bad one with its reason in one go, in the shared shapes of
/// <see cref="Kiosk.Contract.Text.SettingTeks"/> (the kiosk's validator words the same failure the same way).</summary>
/// <param name="configuration">For <c>Urls</c>, which belongs to the web host rather than this section but must agree with <c>Tls</c>.</param>
public sealed class ScreensOptionsValidator(IConfiguration configuration) : IValidateOptions<ScreensOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreensOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = ScreensOptions.Section;
        if (string.IsNullOrWhiteSpace(options.SiteId) || options.SiteId.IndexOfAny(['/', '+', '#']) >= 0)
        {
            errors.Add(Line($"{prefix}:SiteId", MustBe(Teks.Teknisi.SiteIdRule, options.SiteId)));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add(Line($"{prefix}:TimeZone", UnknownTimeZone(options.TimeZone)));
        }

        if (string.IsNullOrWhiteSpace(options.MqttHost))
        {
            errors.Add(Line($"{prefix}:MqttHost", Required(Teks.Teknisi.BrokerHostWhy)));
        }

        if (options.MqttPort is < 1 or > 65535)
        {
            errors.Add(Line($"{prefix}:MqttPort", InRange(1, 65535, options.MqttPort)));
        }

        if (options.KeepAliveSeconds is < 1 or > 600)
        {
            errors.Add(Line($"{prefix}:KeepAliveSeconds", InRange(1, 600, options.KeepAliveSeconds, "detik")));
        }

        if (options.SessionEndTime.Length > 0 && !TimeOnly.TryParseExact(options.SessionEndTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(Line($"{prefix}:SessionEndTime", MustBe(Teks.Teknisi.SessionEndTimeRule, options.SessionEndTime)));
        }

        if (options.CommandTimeoutSeconds is < 1 or > 120 || options.CommandRepeatSeconds < 1 || options.CommandRepeatSeconds > options.CommandTimeoutSeconds)
        {
            errors.Add(Line($"{prefix}:CommandTimeoutSeconds/CommandRepeatSeconds", MustBe(Teks.Teknisi.CommandTimingRule, $"{options.CommandRepeatSeconds}/{options.CommandTimeoutSeconds}")));
        }

        if (options.CommandAnswerWaitMilliseconds is < 100 or > 10_000)
        {
            errors.Add(Line($"{prefix}:CommandAnswerWaitMilliseconds", InRange(100, 10_000, options.CommandAnswerWaitMilliseconds, "ms")));
        }

        if (options.KioskCheckSeconds is < 1 or > 60)
        {
            errors.Add(Line($"{prefix}:KioskCheckSeconds", InRange(1, 60, options.KioskCheckSeconds, "detik")));
        }

        if (options.ClientQueueCapacity is < 4 or > 100_000)
        {
            errors.Add(Line($"{prefix}:ClientQueueCapacity", InRange(4, 100_000, options.ClientQueueCapacity)));
        }

        foreach (var (code, minutes) in options.SopTargetMinutes)
        {
            if (minutes is < 1 or > 240)
            {
                errors.Add(Line($"{prefix}:SopTargetMinutes:{code}", InRange(1, 240, minutes, "menit")));
            }
        }

        ValidateTls(options.Tls, configuration["urls"] ?? string.Empty, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTls(ScreensTlsOptions tls, string urls, List<string> errors)
    {
        var prefix = ScreensOptions.Section + ":Tls";
        var https = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (!tls.Enabled)
        {
            if (https)
            {
                errors.Add(Line($"{prefix}:CertificatePath", Teks.Teknisi.CertificateNeeded(urls)));
            }

            return;
        }

        if (!https)
        {
            errors.Add(Line("Urls", MustBe(Teks.Teknisi.HttpsUrlRule(prefix), urls)));
        }

        var pathsReadable = CheckFile($"{prefix}:CertificatePath", tls.CertificatePath, errors) & CheckFile($"{prefix}:KeyPath", tls.KeyPath, errors);
        if (!pathsReadable)
        {
            return;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
            if (!certificate.HasPrivateKey)
            {
                errors.Add(Line($"{prefix}:KeyPath", Teks.Teknisi.KeyNotPaired(tls.KeyPath, tls.CertificatePath)));
            }
            else if (certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow)
            {
                errors.Add(Line($"{prefix}:CertificatePath", Teks.Teknisi.CertificateExpired(tls.CertificatePath, DateOnly.FromDateTime(certificate.NotAfter))));
            }
        }
        catch (CryptographicException ex)
        {
            errors.Add(Line($"{prefix}:CertificatePath/KeyPath", Teks.Teknisi.PemUnreadable(tls.CertificatePath, tls.KeyPath, ex.Message)));
        }
        catch (ArgumentException ex)
        {
            errors.Add(Line($"{prefix}:CertificatePath/KeyPath", Teks.Teknisi.PemEmpty(ex.Message)));
        }
    }

    private static bool CheckFile(string key, string path, List<string> errors)
    {
        if (path.Length == 0)
        {
            errors.Add(Line(key, Required(Teks.Teknisi.PemPairWhy)));
            return false;
        }

        try
        {
            using var _ = File.OpenRead(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            errors.Add(Line(key, FileMissing(path)));
        }
        catch (DirectoryNotFoundException)
        {
            errors.Add(Line(key, FolderMissing(path)));
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add(Line(key, Teks.Teknisi.FileNotReadableByService(path)));
        }
        catch (IOException ex)
        {
            errors.Add(Line(key, Teks.Teknisi.FileUnreadable(path, ex.Message)));
        }

        return false;
    }
}
