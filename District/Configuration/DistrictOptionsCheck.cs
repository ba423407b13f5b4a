using Kiosk.Contract.Text;
using Kiosk.District.Text;

namespace Kiosk.District.Configuration;

/// <summary>The start-up check: one line per bad value (<c>District:Key: reason</c>), empty when the settings can run.</summary>
public static class DistrictOptionsCheck
{
    public static IReadOnlyList<string> Problems(DistrictOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Add(string key, string reason) => problems.Add(SettingTeks.Line($"{DistrictOptions.Section}:{key}", reason));

        if (options.NatsUrls is not { Length: > 0 })
        {
            Add(nameof(options.NatsUrls), SettingTeks.Required(IngestTeks.NatsUrlsRule));
        }
        else
        {
            foreach (var url in options.NatsUrls)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host))
                {
                    Add(nameof(options.NatsUrls), SettingTeks.MustBe(IngestTeks.NatsUrlsRule, url));
                }
            }
        }

        if (string.IsNullOrEmpty(options.NatsUser) != string.IsNullOrEmpty(options.NatsPassword))
        {
            Add(string.IsNullOrEmpty(options.NatsUser) ? nameof(options.NatsUser) : nameof(options.NatsPassword), IngestTeks.CredentialsPair);
        }

        if (!string.IsNullOrEmpty(options.CaFile) && !File.Exists(options.CaFile))
        {
            Add(nameof(options.CaFile), SettingTeks.FileMissing(options.CaFile));
        }

        if (string.IsNullOrWhiteSpace(options.Postgres))
        {
            Add(nameof(options.Postgres), SettingTeks.Required(IngestTeks.PostgresRule));
        }
        else
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(options.Postgres);
            }
            catch (ArgumentException)
            {
                Add(nameof(options.Postgres), SettingTeks.MustBe(IngestTeks.PostgresRule, options.Postgres));
            }
        }

        Range(nameof(options.BatchSize), options.BatchSize, 1, 10_000);
        Range(nameof(options.FetchWait), options.FetchWait.TotalSeconds, 1, 60, "detik");
        Range(nameof(options.AckWait), options.AckWait.TotalSeconds, 30, 3600, "detik");
        Range(nameof(options.RetryMax), options.RetryMax.TotalSeconds, 0.1, 300, "detik");
        Range(nameof(options.MaxMessageBytes), options.MaxMessageBytes, 1024, 8 * 1024 * 1024, "bita");
        Range(nameof(options.LinkStaleHeartbeats), options.LinkStaleHeartbeats, 2, 100);
        Range(nameof(options.RetentionDays), options.RetentionDays, 1, 3650, "hari");
        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            Add(nameof(options.TimeZone), SettingTeks.TimeZoneRequired);
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            Add(nameof(options.TimeZone), SettingTeks.UnknownTimeZone(options.TimeZone));
        }

        return problems;

        void Range(string key, double value, double min, double max, string? unit = null)
        {
            if (!(value >= min && value <= max))
            {
                Add(key, SettingTeks.InRange(min, max, value, unit));
            }
        }
    }
}
