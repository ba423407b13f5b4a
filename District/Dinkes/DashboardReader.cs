using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Status;
using Microsoft.Extensions.Options;
using Npgsql;
using Kiosk.District.Health;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>
/// Computes the dashboard from the tables the ingest writes, in one round trip of six small queries (each bounded by
/// today's business day or by one row per kiosk/site), so sixty Puskesmas cost the same as one plus their rows. The
/// day's rows are reached through the (site, business_day) indexes: <c>site = ANY (ARRAY(SELECT site FROM sites))</c>
/// gives the index its leading column, so a year of history is never scanned.
/// </summary>
public sealed partial class DashboardReader(NpgsqlDataSource database, TimeProvider time, IOptions<DinkesOptions> options, DistrictHealth health, ILogger<DashboardReader> logger)
{
    private readonly DinkesOptions settings = options.Value;

    public async Task<DashboardView> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = settings.Zone();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        try
        {
            return await ReadAsync(now, day, zone, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            LogUnreachable(logger, ex.Message);
            return DashboardView.Unreachable(now, day, Banners(databaseReachable: false));
        }
    }

    /// <summary>
    /// One banner per outage. When the page's own query failed, its sentence (written for the officer: what it means
    /// for the figures and whom to call) stands for the database, and the ingest's line about the same database is
    /// left out; the ingest's other lines (the NATS cluster) are shown beside it.
    /// </summary>
    private List<string> Banners(bool databaseReachable)
    {
        var databaseDown = health.DatabaseDownSince is not null;
        var service = health.Banners;
        if (databaseReachable)
        {
            return [.. service];
        }

        // The ingest lists the database's line first. Should its state flip between the two reads, one view
        // may miss or double a line; the next refresh reads it again.
        return [DinkesWords.DatabaseUnreachable, .. databaseDown ? service.Skip(1) : service];
    }

    private async Task<DashboardView> ReadAsync(DateTimeOffset now, DateOnly day, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        Add(batch, "SELECT site, coalesce(name, site) FROM sites");
        Add(batch, """
            SELECT site, service_code, count(*) FILTER (WHERE state = 'waiting'), min(issued_at) FILTER (WHERE state = 'waiting')
            FROM tickets WHERE site = ANY (ARRAY(SELECT site FROM sites)) AND business_day = $1 GROUP BY site, service_code ORDER BY site, service_code
            """, day);
        Add(batch, $"""
            SELECT DISTINCT ON (site) site, type FROM events
            WHERE site = ANY (ARRAY(SELECT site FROM sites)) AND business_day = $1 AND type IN ('{EventTypes.DayOpened}', '{EventTypes.DayClosed}') ORDER BY site, sequence DESC
            """, day);
        Add(batch, $"""
            SELECT site, count(*) FROM events
            WHERE site = ANY (ARRAY(SELECT site FROM sites)) AND business_day = $1 AND type = '{EventTypes.TicketCalled}' AND occurred_at > $2 AND occurred_at <= $3 GROUP BY site
            """, day, now.AddHours(-1), now);
        Add(batch, "SELECT site, kiosk_id, online, printer, message, unprinted_tickets, at, heartbeat_seconds, since FROM kiosk_status ORDER BY site, kiosk_id");
        Add(batch, "SELECT site, site_broker_connected, last_forwarded_sequence, site_sequence, heartbeat_seconds, received_at FROM link_status");

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, List<ServiceWaiting>>(StringComparer.Ordinal);
        var dayEvents = new Dictionary<string, string>(StringComparer.Ordinal);
        var calls = new Dictionary<string, int>(StringComparer.Ordinal);
        var kiosks = new Dictionary<string, List<KioskRow>>(StringComparer.Ordinal);
        var links = new Dictionary<string, LinkRow>(StringComparer.Ordinal);

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names[reader.GetString(0)] = reader.GetString(1);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var code = reader.GetString(1);
                var count = (int)reader.GetInt64(2);
                var oldest = reader.IsDBNull(3) ? now : reader.GetFieldValue<DateTimeOffset>(3);
                ListFor(waiting, reader.GetString(0)).Add(new ServiceWaiting(code, count, count == 0 ? TimeSpan.Zero : now - oldest, settings.TargetFor(code)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                dayEvents[reader.GetString(0)] = reader.GetString(1);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                calls[reader.GetString(0)] = (int)reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var status = new KioskStatus
                {
                    KioskId = reader.GetString(1),
                    Online = reader.GetBoolean(2),
                    Printer = DinkesWords.ParsePrinter(reader.GetString(3)),
                    Message = reader.GetString(4),
                    UnprintedTickets = reader.GetInt32(5),
                    At = reader.GetFieldValue<DateTimeOffset>(6),
                    HeartbeatSeconds = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                };
                var since = reader.GetFieldValue<DateTimeOffset>(8);
                ListFor(kiosks, reader.GetString(0)).Add(Kiosk(status, since, now));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long? forwarded = reader.IsDBNull(2) ? null : reader.GetInt64(2);
                long? atSite = reader.IsDBNull(3) ? null : reader.GetInt64(3);
                var beat = TimeSpan.FromSeconds(Math.Max(1, reader.GetInt32(4)));
                var heard = reader.GetFieldValue<DateTimeOffset>(5);
                links[reader.GetString(0)] = new LinkRow(
                    atSite is { } s ? Math.Max(0, s - (forwarded ?? 0)) : null,
                    now - heard > 2 * beat,
                    heard,
                    reader.GetBoolean(1));
            }
        }

        var rows = names
            .Select(site => Row(site.Key, site.Value, waiting, dayEvents, calls, kiosks, links))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ThenBy(r => r.Site, StringComparer.Ordinal)
            .ToList();
        return new DashboardView(now, day, true, Alerts(rows, zone), rows, Banners(databaseReachable: true));
    }

    /// <summary>
    /// The contract's rule ("online older than two heartbeats is stale"), applied to the Contract's own
    /// <see cref="KioskStatus"/> fields; when the rule moves into Contract (another change of issue 23) this calls it.
    /// </summary>
    internal static bool IsStale(KioskStatus status, DateTimeOffset now) =>
        status.Online && status.HeartbeatSeconds is > 0 and { } beat && now - status.At > TimeSpan.FromSeconds(2 * beat);

    private static KioskRow Kiosk(KioskStatus status, DateTimeOffset since, DateTimeOffset now) =>
        !status.Online ? new KioskRow(status.KioskId, KioskState.Offline, since, status.Printer, status.UnprintedTickets)
        : IsStale(status, now) ? new KioskRow(status.KioskId, KioskState.Stale, status.At, status.Printer, status.UnprintedTickets)
        : new KioskRow(status.KioskId, KioskState.Online, since, status.Printer, status.UnprintedTickets);

    private static SiteRow Row(
        string site,
        string name,
        Dictionary<string, List<ServiceWaiting>> waiting,
        Dictionary<string, string> dayEvents,
        Dictionary<string, int> calls,
        Dictionary<string, List<KioskRow>> kiosks,
        Dictionary<string, LinkRow> links)
    {
        var services = waiting.GetValueOrDefault(site) ?? [];

        // A day is open from its day.opened until its day.closed; a site whose day event has not arrived yet but whose
        // tickets have is open too (the link forwards in order, so this only happens while a backlog drains).
        var open = dayEvents.TryGetValue(site, out var last) ? last == EventTypes.DayOpened : services.Count > 0;
        var longest = services.Where(s => s.Count > 0).MaxBy(s => s.LongestWait);
        return new SiteRow(site, name, open, services, longest, calls.GetValueOrDefault(site), kiosks.GetValueOrDefault(site) ?? [], links.GetValueOrDefault(site));
    }

    private static List<DashboardAlert> Alerts(List<SiteRow> rows, TimeZoneInfo zone)
    {
        var alerts = new List<DashboardAlert>();
        foreach (var row in rows)
        {
            var waiting = row.WaitingTotal;
            foreach (var kiosk in row.Kiosks)
            {
                var since = DinkesWords.Clock(kiosk.Since, zone);
                if (kiosk.CannotPrint && row.OpenToday)
                {
                    var what = kiosk.State == KioskState.Offline
                        ? DinkesTeks.Staf.KioskOffSince(DinkesWords.Kiosk(kiosk.KioskId), since)
                        : DinkesTeks.Staf.PrinterProblemSince(DinkesWords.Printer(kiosk.Printer).ToLowerInvariant(), DinkesWords.Kiosk(kiosk.KioskId), since);
                    var action = kiosk.State == KioskState.Offline ? DinkesTeks.Staf.TurnKioskOn : DinkesWords.PrinterAction(kiosk.Printer);
                    alerts.Add(waiting > 0
                        ? new DashboardAlert(AlertKind.CannotPrintWithWaiting, row.Site, row.Name, DinkesTeks.Staf.CannotPrintWithWaiting(row.Name, what, waiting, action), waiting)
                        : new DashboardAlert(AlertKind.CannotPrint, row.Site, row.Name, $"{row.Name}: {what}. {action}.", waiting));
                }
                else if (kiosk.State == KioskState.Stale && row.OpenToday)
                {
                    alerts.Add(new DashboardAlert(AlertKind.StaleKiosk, row.Site, row.Name, DinkesTeks.Staf.StaleKioskAlert(row.Name, DinkesWords.Kiosk(kiosk.KioskId), since), waiting));
                }
                else if (kiosk.Printer == PrinterCondition.PaperLow && kiosk.State == KioskState.Online)
                {
                    alerts.Add(new DashboardAlert(AlertKind.PaperLow, row.Site, row.Name, DinkesTeks.Staf.PaperLowAlert(row.Name, DinkesWords.Kiosk(kiosk.KioskId)), waiting));
                }
            }

            if (row.Link is { Cut: true } link)
            {
                var backlog = link.Backlog is > 0 ? DinkesTeks.Staf.LinkCutBacklog($"{link.Backlog}") : string.Empty;
                alerts.Add(new DashboardAlert(AlertKind.LinkCut, row.Site, row.Name, DinkesTeks.Staf.LinkCutAlert(row.Name, DinkesWords.Clock(link.LastHeartbeat, zone), backlog), waiting));
            }

            foreach (var service in row.Waiting.Where(s => s.Count > 0 && s.OverTarget))
            {
                alerts.Add(new DashboardAlert(AlertKind.LongWait, row.Site, row.Name, DinkesTeks.Staf.LongWaitAlert(row.Name, service.ServiceCode, DinkesWords.Minutes(service.LongestWait), service.TargetMinutes), service.Count));
            }
        }

        return [.. alerts.OrderBy(a => a.Kind).ThenByDescending(a => a.Waiting).ThenBy(a => a.SiteName, StringComparer.CurrentCulture)];
    }

    private static List<T> ListFor<T>(Dictionary<string, List<T>> map, string site) =>
        map.TryGetValue(site, out var list) ? list : map[site] = [];

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dinkes dashboard: PostgreSQL unreachable ({Reason}); the page shows the banner")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
