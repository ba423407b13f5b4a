using System.Globalization;
using Kiosk.Device.Ticketing;
using Kiosk.Queue.Statistics;
using R = Kiosk.Device.Text.Teks.Petugas.Recap;

namespace Kiosk.Device.DayClose;

/// <summary>
/// The recap's words and figures as the head of the Puskesmas reads them, once, for the HTML page and the thermal
/// print: labels from the configuration (never code names), durations as "5 mnt" or "1 jam 12 mnt". The words are in
/// <see cref="Text.Teks.Petugas.Recap"/>; this class lays them out.
/// </summary>
public static class RecapSheet
{
    public const string NoData = R.NoData;

    public static string Title(string siteName, DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        return R.Title(siteName, IndonesianTime.Date(recap.BusinessDay));
    }

    public static IReadOnlyList<RecapSection> Sections(DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        return
        [
            new(R.Summary, [R.Item, R.Count],
            [
                [R.Issued, N(recap.Issued)],
                [R.Visitors, N(recap.Visitors)],
                [R.Served, N(recap.Served)],
                [R.NoShow, N(recap.NoShow)],
                [R.Transferred, N(recap.Transferred)],
                [R.Cancelled, N(recap.Cancelled)],
                [R.Expired, N(recap.Expired)],
                [R.Voided, N(recap.Voided)],
                [R.Emergency, N(recap.Emergency)],
                [R.BusiestHour, recap.BusiestHour is { } hour ? R.HourSpan(hour) : "-"],
            ]),
            new(R.Times, [R.Measure, R.Average, R.Percentile90],
            [
                [R.WaitTime, Duration(recap.Overall.AverageWait), Duration(recap.Overall.P90Wait)],
                [R.ServiceTime, Duration(recap.Overall.AverageService), Duration(recap.Overall.P90Service)],
            ], R.WithinSop(Share(recap.Overall.WithinTargetShare))),
            new(R.PerService, R.PerServiceColumns,
                recap.Services.Select(s => new[]
                {
                    s.Name, N(s.Issued), N(s.Served), N(s.NoShow), N(s.Transferred), N(s.Cancelled), N(s.Expired), N(s.Emergency),
                    Duration(s.Times.AverageWait), Duration(s.Times.AverageService), Share(s.Times.WithinTargetShare),
                }).ToList()),
            Counts(R.PerCategory, R.Category, recap.ByCategory),
            Counts(R.PerPayer, R.Payer, recap.ByPayer),
            Counts(R.PerPriority, R.Priority, recap.ByPriority),
            new(R.PerHour, R.PerHourColumns,
                recap.Hours.Select(h => new[] { R.Hour(h.Hour), N(h.Issued), N(h.Called), Duration(h.AverageWait), Duration(h.AverageService) }).ToList()),
        ];
    }

    /// <summary>"< 1 mnt", "5 mnt", "1 jam 12 mnt" (rounded to the minute: the head of the Puskesmas reads minutes, not seconds).</summary>
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } v)
        {
            return "-";
        }

        var minutes = (int)Math.Round(v.TotalMinutes, MidpointRounding.AwayFromZero);
        return minutes switch
        {
            < 1 => R.UnderAMinute,
            < 60 => R.Minutes(minutes),
            _ when minutes % 60 == 0 => R.Hours(minutes / 60),
            _ => R.HoursMinutes(minutes / 60, minutes % 60),
        };
    }

    private static RecapSection Counts(string caption, string what, IReadOnlyList<CountRow> rows) =>
        new(caption, [what, R.Count], rows.Select(r => new[] { r.Label, N(r.Count) }).ToList());

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0.#}%") : "-";
}

/// <summary>One table of the recap: a caption, column heads, rows, and an optional sentence under it.</summary>
public sealed record RecapSection(string Caption, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, string? Note = null);
