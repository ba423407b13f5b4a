using System.Globalization;
using Kiosk.Queue.Engine;
using Kiosk.Queue.Model;
using Kiosk.Contract.Events;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;
using Kiosk.Queue.Statistics;

namespace Kiosk.Queue;

public sealed partial class QueueEngine
{
    /// <summary>The rekap harian of a business day still in the log (today's is live).</summary>
    public DailyRecap GetDailyRecap(DateOnly day)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var tickets = day == _day.Day ? _tickets.Values.ToList() : _log.LoadTickets(day, day);
            return RecapBuilder.Build(_config.Options.SiteId, day, tickets, _config.Queues, _config.Options.Labels);
        }
    }

    /// <summary>
    /// Builds the recap of <paramref name="day"/> and commits it as a <c>day.recap</c> outbox event, so it reaches the
    /// loket screens and the district with a sequence number like every other event, even across a power cut.
    /// </summary>
    public DailyRecap RecordDailyRecap(DateOnly day)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var tickets = day == _day.Day ? _tickets.Values.ToList() : _log.LoadTickets(day, day);
            var recap = RecapBuilder.Build(_config.Options.SiteId, day, tickets, _config.Queues, _config.Options.Labels);
            var change = new ChangeSet();
            change.Events.Add((EventTypes.DayRecap, recap.ToWire()));
            Commit(change, Now());
            return recap;
        }
    }

    /// <summary>
    /// Tickets of the business days from..to as CSV, one row per ticket. Card numbers are masked to the last four
    /// characters: an export file leaves the kiosk, personal data should not.
    /// </summary>
    public int ExportTickets(DateOnly from, DateOnly to, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        List<Ticket> tickets;
        lock (_gate)
        {
            ThrowIfDisposed();
            tickets = _log.LoadTickets(from, to);
        }

        WriteTickets(tickets, writer);
        return tickets.Count;
    }

    private static void WriteTickets(IEnumerable<Ticket> tickets, TextWriter writer)
    {
        Csv.Row(writer, "id", "business_day", "number", "service", "category", "payer", "priority", "state", "print_state", "source",
            "emergency", "family_size", "card_kind", "card_number_masked", "counter", "call_count", "issued_at", "printed_at",
            "first_called_at", "last_called_at", "finished_at", "wait_s", "service_s", "transferred_from", "transferred_to", "note");
        foreach (var t in tickets)
        {
            Csv.Row(writer, t.Id.ToString(), t.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Number, t.ServiceCode,
                t.Category.ToString(), t.Payer.ToString(), t.Priority.ToString(), t.State.ToString(), t.PrintState.ToString(),
                t.Source.ToString(), t.IsEmergency ? "1" : "0", Csv.Number(t.FamilySize), t.CardData?.Kind.ToString(), t.CardData?.Masked,
                t.CalledBy, Csv.Number(t.CallCount), Csv.Time(t.IssuedAt), Csv.Time(t.PrintedAt), Csv.Time(t.FirstCalledAt),
                Csv.Time(t.LastCalledAt), Csv.Time(t.FinishedAt), Csv.Seconds(t.WaitTime), Csv.Seconds(t.ServiceTime),
                t.TransferredFrom?.ToString(), t.TransferredTo?.ToString(), Privacy.CardNumberText.Mask(t.Note));
        }
    }

    /// <summary>
    /// Keeps <see cref="Configuration.QueueEngineOptions.RetentionDays"/> business days. Each older day is written to
    /// CSV (tickets and recap; fsynced, then renamed into place) before its rows are deleted, so the SD card never fills
    /// and nothing is deleted that was not archived first. Freed pages are zeroed (secure_delete) and reused by later
    /// days, and the WAL is truncated afterwards, so the file stays at the size of the kept days.
    /// </summary>
    public RetentionReport ApplyRetention() => ApplyRetention(int.MaxValue);

    /// <summary>
    /// As <see cref="ApplyRetention()"/>, but archives at most <paramref name="maxDays"/> days, oldest first (the engine
    /// is locked while it works: a kiosk that was off for a year catches up in bounded steps, never in one long stall).
    /// <see cref="RetentionReport.DaysStillDue"/> says how many older days are left for the next call.
    /// </summary>
    public RetentionReport ApplyRetention(int maxDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDays);
        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            var cutoff = _day.Day.AddDays(-_config.Options.RetentionDays);
            var directory = _config.Options.RetentionExportDirectory
                ?? Path.Combine(Path.GetDirectoryName(_log.Path) ?? ".", "archive");
            var due = _log.LoadDaysBefore(cutoff);
            var days = due.Take(maxDays).ToList();
            if (days.Count == 0)
            {
                return new RetentionReport([], [], 0, 0);
            }

            Directory.CreateDirectory(directory);
            var files = new List<string>();
            var deleted = 0;
            foreach (var day in days)
            {
                var tickets = _log.LoadTickets(day, day);
                var stamp = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var ticketFile = Path.Combine(directory, $"{_config.Options.SiteId}-tickets-{stamp}.csv");
                var recapFile = Path.Combine(directory, $"{_config.Options.SiteId}-rekap-{stamp}.csv");
                WriteDurably(ticketFile, w => WriteTickets(tickets, w));
                var recap = RecapBuilder.Build(_config.Options.SiteId, day, tickets, _config.Queues, _config.Options.Labels);
                WriteDurably(recapFile, w => DailyRecapCsv.Write(recap, w));
                var endOfDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), _config.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
                using (var tx = _log.BeginWrite())
                {
                    deleted += _log.DeleteDay(tx, day, _sequence, endOfDay.ToUnixTimeMilliseconds());
                    tx.Commit();
                }

                files.Add(ticketFile);
                files.Add(recapFile);
                Log.Archived(_logger, stamp, ticketFile, tickets.Count);
            }

            TruncateWal();
            return new RetentionReport(days, files, deleted, due.Count - days.Count);
        }
    }

    private static void WriteDurably(string path, Action<TextWriter> write)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
            {
                write(writer);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
