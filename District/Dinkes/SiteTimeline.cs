using Kiosk.Contract;
using Kiosk.Contract.Events;
using Microsoft.Extensions.Options;
using Npgsql;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>One hour of a Puskesmas's day: tickets taken, calls, patients served.</summary>
public sealed record TimelineHour(int Hour, long Issued, long Called, long Served);

/// <summary>Something worth a line on the timeline; <see cref="Ongoing"/> when it still holds now.</summary>
public sealed record TimelineNote(DateTimeOffset At, string Text, bool Ongoing);

public sealed record SiteDay(string Site, string Name, DateOnly Day, IReadOnlyList<TimelineHour> Hours, IReadOnlyList<TimelineNote> Notes);

/// <summary>
/// Today's timeline of one Puskesmas from the event log, plus what <c>kiosk_status</c> and <c>link_status</c> say
/// holds now (those tables keep only the newest status, so a fault that already ended shows through its events:
/// a ticket that failed to print, not the printer state of that minute).
/// </summary>
public sealed class SiteTimeline(NpgsqlDataSource database, TimeProvider time, IOptions<DinkesOptions> options)
{
    private const int MaxNotes = 200;

    /// <summary>Null when the site is not known to the district.</summary>
    public async Task<SiteDay?> ReadAsync(string site, CancellationToken cancellationToken)
    {
        var zone = options.Value.Zone();
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        await using var batch = database.CreateBatch();
        Add(batch, "SELECT coalesce(name, site) FROM sites WHERE site = $1", site);
        Add(batch, $"""
            SELECT type, occurred_at FROM events
            WHERE site = $1 AND business_day = $2 AND type IN ('{EventTypes.TicketIssued}', '{EventTypes.TicketCalled}', '{EventTypes.TicketServed}')
            """, site, day);
        Add(batch, $"""
            SELECT occurred_at, type, data->>'number', data->>'counterId' FROM events
            WHERE site = $1 AND business_day = $2
              AND type IN ('{EventTypes.DayOpened}', '{EventTypes.DayClosed}', '{EventTypes.TicketPrintFailed}', '{EventTypes.CounterPaused}', '{EventTypes.CounterResumed}')
            ORDER BY sequence LIMIT {MaxNotes}
            """, site, day);
        Add(batch, "SELECT kiosk_id, online, printer, since, at, heartbeat_seconds FROM kiosk_status WHERE site = $1 ORDER BY kiosk_id", site);
        Add(batch, "SELECT heartbeat_seconds, received_at, site_sequence - last_forwarded_sequence FROM link_status WHERE site = $1", site);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var name = reader.GetString(0);
        var hours = new Dictionary<int, long[]>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var hour = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(1), zone).Hour;
            var counts = hours.TryGetValue(hour, out var c) ? c : hours[hour] = new long[3];
            counts[reader.GetString(0) switch { EventTypes.TicketIssued => 0, EventTypes.TicketCalled => 1, _ => 2 }]++;
        }

        var notes = new List<TimelineNote>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var number = reader.IsDBNull(2) ? null : reader.GetString(2);
            var counter = reader.IsDBNull(3) ? null : reader.GetString(3);
            notes.Add(new TimelineNote(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1) switch
            {
                EventTypes.DayOpened => DinkesTeks.Staf.DayOpened,
                EventTypes.DayClosed => DinkesTeks.Staf.DayClosed,
                EventTypes.TicketPrintFailed => DinkesTeks.Staf.TicketPrintFailed(number),
                EventTypes.CounterPaused => DinkesTeks.Staf.CounterPaused(counter),
                _ => DinkesTeks.Staf.CounterResumed(counter),
            }, false));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kiosk = reader.GetString(0);
            var printer = DinkesWords.ParsePrinter(reader.GetString(2));
            var since = reader.GetFieldValue<DateTimeOffset>(3);
            var at = reader.GetFieldValue<DateTimeOffset>(4);
            int? beat = reader.IsDBNull(5) ? null : reader.GetInt32(5);
            if (!reader.GetBoolean(1))
            {
                notes.Add(new TimelineNote(since, $"{Capital(DinkesWords.Kiosk(kiosk))} mati", true));
            }
            else if (beat is > 0 && now - at > TimeSpan.FromSeconds(2 * beat.Value))
            {
                notes.Add(new TimelineNote(at, $"Kabar dari {DinkesWords.Kiosk(kiosk)} berhenti", true));
            }
            else if (printer is not (PrinterCondition.Ok or PrinterCondition.Unknown))
            {
                notes.Add(new TimelineNote(since, $"{Capital(DinkesWords.Kiosk(kiosk))}: {DinkesWords.Printer(printer).ToLowerInvariant()}", true));
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var heard = reader.GetFieldValue<DateTimeOffset>(1);
            if (now - heard > TimeSpan.FromSeconds(2 * Math.Max(1, reader.GetInt32(0))))
            {
                notes.Add(new TimelineNote(heard, "Sambungan ke Dinkes terputus", true));
            }
        }

        return new SiteDay(
            site,
            name,
            day,
            [.. hours.OrderBy(h => h.Key).Select(h => new TimelineHour(h.Key, h.Value[0], h.Value[1], h.Value[2]))],
            [.. notes.OrderBy(n => n.At)]);
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
