using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kiosk.District.Dinkes;

/// <summary>One line of the laporan bulanan: one Puskesmas, one service, one month. Times in minutes.</summary>
public sealed record ReportRow(
    string Site,
    string SiteName,
    string ServiceCode,
    long Visits,
    long New,
    long Returning,
    long Bpjs,
    long Umum,
    double? MedianWaitMinutes,
    double? P90WaitMinutes,
    double? MedianServiceMinutes,
    double? P90ServiceMinutes,
    int? TargetMinutes,
    double? WithinTargetShare,
    long NoShows,
    long TransfersToPoli);

/// <summary>
/// The monthly report from <c>tickets</c> (each ticket as its newest event left it), computed by PostgreSQL with
/// <c>percentile_cont</c>. A visit is a ticket that was not voided (a voided ticket was a mistake, not a patient);
/// waiting is first call − issued, over the tickets that were called; service time is finished − called, over the
/// served ones; the SOP share is of the called tickets of a service that has a target.
/// </summary>
public sealed class MonthlyReport(NpgsqlDataSource database, IOptions<DinkesOptions> options)
{
    /// <summary>"2026-12" → the first day of that month; anything else → false.</summary>
    public static bool TryParseMonth(string? text, out DateOnly first)
    {
        first = default;
        return text is { Length: 7 }
            && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
            && first.Year is >= 2000 and <= 2200;
    }

    public async Task<IReadOnlyList<ReportRow>> ReadAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var targets = options.Value.SopTargetMinutes.Where(p => p.Value > 0).ToList();
        await using var command = database.CreateCommand("""
            WITH targets AS (SELECT * FROM unnest($3::text[], $4::int[]) AS t(code, minutes)),
            t AS (
                SELECT k.site, k.service_code, k.state, k.category, k.payer, k.transferred_to, tg.minutes,
                       extract(epoch FROM k.first_called_at - k.issued_at)::double precision / 60 AS wait_min,
                       CASE WHEN k.state = 'served' AND k.called_at IS NOT NULL AND k.finished_at IS NOT NULL
                            THEN extract(epoch FROM k.finished_at - k.called_at)::double precision / 60 END AS service_min
                FROM tickets k LEFT JOIN targets tg ON tg.code = k.service_code
                WHERE k.site = ANY (ARRAY(SELECT site FROM sites)) AND k.business_day >= $1 AND k.business_day < $2 AND k.state <> 'voided'
            )
            SELECT t.site, coalesce(s.name, t.site), t.service_code,
                   count(*),
                   count(*) FILTER (WHERE t.category = 'baru'), count(*) FILTER (WHERE t.category = 'lama'),
                   count(*) FILTER (WHERE t.payer = 'bpjs'), count(*) FILTER (WHERE t.payer = 'umum'),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.wait_min),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY t.wait_min),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.service_min),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY t.service_min),
                   max(t.minutes),
                   count(t.wait_min), count(*) FILTER (WHERE t.wait_min <= t.minutes),
                   count(*) FILTER (WHERE t.state = 'no-show'),
                   count(*) FILTER (WHERE t.state = 'transferred' OR t.transferred_to IS NOT NULL)
            FROM t JOIN sites s ON s.site = t.site
            GROUP BY t.site, s.name, t.service_code
            ORDER BY coalesce(s.name, t.site), t.site, t.service_code
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        command.Parameters.Add(new NpgsqlParameter { Value = month.AddMonths(1) });
        command.Parameters.Add(new NpgsqlParameter { Value = targets.Select(p => p.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = targets.Select(p => p.Value).ToArray() });
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReportRow>();
        while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            int? target = row.IsDBNull(12) ? null : row.GetInt32(12);
            var called = row.GetInt64(13);
            rows.Add(new ReportRow(
                row.GetString(0), row.GetString(1), row.GetString(2),
                row.GetInt64(3), row.GetInt64(4), row.GetInt64(5), row.GetInt64(6), row.GetInt64(7),
                Double(row, 8), Double(row, 9), Double(row, 10), Double(row, 11),
                target,
                target is not null && called > 0 ? (double)row.GetInt64(14) / called : null,
                row.GetInt64(15), row.GetInt64(16)));
        }

        return rows;
    }

    private static double? Double(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : row.GetDouble(column);
}
