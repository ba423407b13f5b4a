using System.Globalization;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Configuration;

/// <summary>Checks every key at start and names each bad one with its reason in one go.</summary>
public sealed class ScreensOptionsValidator : IValidateOptions<ScreensOptions>
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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
