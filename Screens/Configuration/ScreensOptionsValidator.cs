using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Configuration;

/// <summary>Checks every key at start and names each bad one with its reason in one go.</summary>
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
            errors.Add($"{prefix}:SiteId: wajib diisi, tanpa '/', '+' atau '#' (got '{options.SiteId}')");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add($"{prefix}:TimeZone: zona waktu '{options.TimeZone}' tidak dikenal (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)");
        }

        if (string.IsNullOrWhiteSpace(options.MqttHost))
        {
            errors.Add($"{prefix}:MqttHost: wajib diisi");
        }

        if (options.MqttPort is < 1 or > 65535)
        {
            errors.Add($"{prefix}:MqttPort: harus 1..65535, got {options.MqttPort}");
        }

        if (options.KeepAliveSeconds is < 1 or > 600)
        {
            errors.Add($"{prefix}:KeepAliveSeconds: harus 1..600, got {options.KeepAliveSeconds}");
        }

        if (options.SessionEndTime.Length > 0 && !TimeOnly.TryParseExact(options.SessionEndTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{prefix}:SessionEndTime: format HH:mm atau kosong, got '{options.SessionEndTime}'");
        }

        if (options.CommandTimeoutSeconds is < 1 or > 120 || options.CommandRepeatSeconds < 1 || options.CommandRepeatSeconds > options.CommandTimeoutSeconds)
        {
            errors.Add($"{prefix}:CommandTimeoutSeconds/CommandRepeatSeconds: 1 <= ulang <= batas <= 120");
        }

        if (options.CommandAnswerWaitMilliseconds is < 100 or > 10_000)
        {
            errors.Add($"{prefix}:CommandAnswerWaitMilliseconds: harus 100..10000, got {options.CommandAnswerWaitMilliseconds}");
        }

        if (options.KioskCheckSeconds is < 1 or > 60)
        {
            errors.Add($"{prefix}:KioskCheckSeconds: harus 1..60, got {options.KioskCheckSeconds}");
        }

        if (options.ClientQueueCapacity is < 4 or > 100_000)
        {
            errors.Add($"{prefix}:ClientQueueCapacity: harus 4..100000, got {options.ClientQueueCapacity}");
        }

        foreach (var (code, minutes) in options.SopTargetMinutes)
        {
            if (minutes is < 1 or > 240)
            {
                errors.Add($"{prefix}:SopTargetMinutes:{code}: harus 1..240 menit, got {minutes}");
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
                errors.Add($"{prefix}:CertificatePath: wajib diisi karena Urls berisi alamat https:// ('{urls}'); jalankan kiosk-setup --screens-tls");
            }

            return;
        }

        if (!https)
        {
            errors.Add($"Urls: harus berisi alamat https:// (mis. https://0.0.0.0:8443) karena {prefix} diisi, got '{urls}'");
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
                errors.Add($"{prefix}:KeyPath: kunci di '{tls.KeyPath}' bukan pasangan sertifikat '{tls.CertificatePath}'");
            }
            else if (certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow)
            {
                errors.Add($"{prefix}:CertificatePath: sertifikat '{tls.CertificatePath}' sudah kedaluwarsa sejak {certificate.NotAfter:yyyy-MM-dd}; jalankan kiosk-setup --screens-tls lagi untuk membuat yang baru");
            }
        }
        catch (CryptographicException ex)
        {
            errors.Add($"{prefix}:CertificatePath/KeyPath: sertifikat '{tls.CertificatePath}' dan kunci '{tls.KeyPath}' tidak dapat dibaca sebagai pasangan PEM ({ex.Message})");
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{prefix}:CertificatePath/KeyPath: berkas PEM tidak berisi sertifikat atau kunci ({ex.Message})");
        }
    }

    private static bool CheckFile(string key, string path, List<string> errors)
    {
        if (path.Length == 0)
        {
            errors.Add($"{key}: wajib diisi bersama pasangannya (sertifikat dan kunci PEM)");
            return false;
        }

        try
        {
            using var _ = File.OpenRead(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            errors.Add($"{key}: berkas '{path}' tidak ada");
        }
        catch (DirectoryNotFoundException)
        {
            errors.Add($"{key}: folder berkas '{path}' tidak ada");
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add($"{key}: berkas '{path}' tidak boleh dibaca oleh pengguna layanan ini (periksa pemilik dan izin berkas)");
        }
        catch (IOException ex)
        {
            errors.Add($"{key}: berkas '{path}' tidak dapat dibaca ({ex.Message})");
        }

        return false;
    }
}
