using System.Text.RegularExpressions;
using Kiosk.Queue.Text;
using static Kiosk.Contract.Text.SettingTeks;

namespace Kiosk.Queue.Configuration;

/// <summary>Options checked once at open; every problem names its key so the installer can fix the file.</summary>
internal sealed partial class ValidatedConfiguration
{
    private ValidatedConfiguration(QueueEngineOptions options, TimeZoneInfo zone, Dictionary<string, QueueDefinition> queues)
    {
        Options = options;
        Zone = zone;
        Queues = queues;
    }

    public QueueEngineOptions Options { get; }
    public TimeZoneInfo Zone { get; }
    public IReadOnlyDictionary<string, QueueDefinition> Queues { get; }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{1,3}$")]
    private static partial Regex PrefixPattern();

    public static ValidatedConfiguration Validate(QueueEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new QueueConfigurationException(nameof(options.DatabasePath), Required(Teks.Teknisi.DatabasePathWhy));
        }

        if (!IdPattern().IsMatch(options.SiteId))
        {
            throw new QueueConfigurationException(nameof(options.SiteId), MustBe(Teks.Teknisi.IdRule, options.SiteId));
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new QueueConfigurationException(nameof(options.TimeZoneId),
                UnknownTimeZone(options.TimeZoneId));
        }

        if (options.Services.Count == 0)
        {
            throw new QueueConfigurationException(nameof(options.Services), Teks.Teknisi.NoServices);
        }

        var queues = new Dictionary<string, QueueDefinition>(StringComparer.Ordinal);
        for (var i = 0; i < options.Services.Count; i++)
        {
            var s = options.Services[i];
            var key = $"Services[{i}]";
            CheckQueue(key, s.Code, s.Prefix, s.Name, s.SopTarget, queues);
            if (s.DailyCap is <= 0)
            {
                throw new QueueConfigurationException($"{key}.DailyCap", MustBe(Teks.Teknisi.DailyCapRule, s.DailyCap ?? 0));
            }

            if (s.NumberStart < 1)
            {
                throw new QueueConfigurationException($"{key}.NumberStart", MustBe(Teks.Teknisi.NumberStartRule, s.NumberStart));
            }

            if (s.NumberEnd is { } end && end < s.NumberStart)
            {
                throw new QueueConfigurationException($"{key}.NumberEnd", MustBe(Teks.Teknisi.NumberEndRule(s.NumberStart), end));
            }

            for (var r = 0; r < s.Requirements.Count; r++)
            {
                if (string.IsNullOrWhiteSpace(s.Requirements[r].Item))
                {
                    throw new QueueConfigurationException($"{key}.Requirements[{r}].Item", Required(Teks.Teknisi.RequirementWhy));
                }
            }

            queues.Add(s.Code, new QueueDefinition(s.Code, s.Prefix, s.Name, false, s.SopTarget, s.DailyCap, s.NumberStart, s.NumberEnd, s));
        }

        for (var i = 0; i < options.Polis.Count; i++)
        {
            var p = options.Polis[i];
            CheckQueue($"Polis[{i}]", p.Code, p.Prefix, p.Name, p.SopTarget, queues);
            queues.Add(p.Code, new QueueDefinition(p.Code, p.Prefix, p.Name, true, p.SopTarget, null, 1, null, null));
        }

        CheckBands(queues.Values.ToList());

        if (options.Counters.Count == 0)
        {
            throw new QueueConfigurationException(nameof(options.Counters), Teks.Teknisi.NoCounters);
        }

        var counterIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Counters.Count; i++)
        {
            var c = options.Counters[i];
            var key = $"Counters[{i}]";
            if (!IdPattern().IsMatch(c.Id))
            {
                throw new QueueConfigurationException($"{key}.Id", MustBe(Teks.Teknisi.IdRule, c.Id));
            }

            if (!counterIds.Add(c.Id))
            {
                throw new QueueConfigurationException($"{key}.Id", Teks.Teknisi.CounterIdTwice(c.Id));
            }

            if (c.Services.Count == 0)
            {
                throw new QueueConfigurationException($"{key}.Services", Teks.Teknisi.CounterWithoutServices);
            }

            foreach (var code in c.Services)
            {
                if (!queues.ContainsKey(code))
                {
                    throw new QueueConfigurationException($"{key}.Services", Teks.Teknisi.NotAQueue(code));
                }
            }
        }

        CheckRange(nameof(options.PriorityCallsPerNormalCall), options.PriorityCallsPerNormalCall, 0, 100);
        CheckRange(nameof(options.MaxCallsBeforeNoShow), options.MaxCallsBeforeNoShow, 1, 20);
        CheckRange(nameof(options.ReturnAfterWaiting), options.ReturnAfterWaiting, 0, 1000);
        CheckRange(nameof(options.RetentionDays), options.RetentionDays, 1, 3650);
        CheckRange(nameof(options.RecentServiceSample), options.RecentServiceSample, 1, 1000);
        CheckRange(nameof(options.BookingDaysAhead), options.BookingDaysAhead, 0, 30);
        if (!Enum.IsDefined(options.ReturnPlacement))
        {
            throw new QueueConfigurationException(nameof(options.ReturnPlacement), OneOf(["End", "Front", "AfterWaiting"], options.ReturnPlacement.ToString()));
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(1))
        {
            throw new QueueConfigurationException(nameof(options.BusyTimeout), MustBe(Teks.Teknisi.BusyTimeoutRule, options.BusyTimeout.ToString()));
        }

        return new ValidatedConfiguration(options, zone, queues);
    }

    private static void CheckQueue(string key, string code, string prefix, string name, TimeSpan sop, Dictionary<string, QueueDefinition> queues)
    {
        if (!IdPattern().IsMatch(code))
        {
            throw new QueueConfigurationException($"{key}.Code", MustBe(Teks.Teknisi.IdRule, code));
        }

        if (queues.ContainsKey(code))
        {
            throw new QueueConfigurationException($"{key}.Code", Teks.Teknisi.CodeTwice(code));
        }

        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new QueueConfigurationException($"{key}.Prefix", MustBe(Teks.Teknisi.PrefixRule, prefix));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new QueueConfigurationException($"{key}.Name", Required(Teks.Teknisi.NameWhy));
        }

        if (sop <= TimeSpan.Zero)
        {
            throw new QueueConfigurationException($"{key}.SopTarget", MustBe(Teks.Teknisi.PositiveRule, sop.ToString()));
        }
    }

    // Two queues may print the same letter only when their number bands cannot meet, or A-012 would mean two patients.
    private static void CheckBands(List<QueueDefinition> queues)
    {
        foreach (var group in queues.GroupBy(q => q.Prefix, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var members = group.OrderBy(q => q.NumberStart).ToList();
            for (var i = 1; i < members.Count; i++)
            {
                var previous = members[i - 1];
                if (previous.NumberEnd is not { } end || end >= members[i].NumberStart)
                {
                    throw new QueueConfigurationException($"{(members[i].IsPoli ? "Polis" : "Services")}[{members[i].Code}].Prefix",
                        Teks.Teknisi.BandsOverlap(group.Key, previous.Code));
                }
            }
        }
    }

    private static void CheckRange(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new QueueConfigurationException(key, InRange(min, max, value));
        }
    }
}
