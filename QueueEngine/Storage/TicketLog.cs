using System.Globalization;
using Kiosk.Contract;
using Kiosk.Queue.Model;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Text;
using Microsoft.Data.Sqlite;

namespace Kiosk.Queue.Storage;

internal sealed record CounterRow(string Id, bool Paused, Guid? CurrentTicket, int PriorityStreak);

internal sealed record DayRow(DateOnly Day, long OpenedAtMs, long? ClosedAtMs);

internal sealed record MaskedCounts(int CardNumbers, int Notes, int Replies);

internal sealed record CheckpointResult(bool Busy, long WalFrames, long Checkpointed);

/// <summary>
/// The SQLite ticket log. Not thread-safe by itself: the engine is its one writer and serialises every call.
/// Every state change is one BEGIN IMMEDIATE transaction holding the ticket rows, the outbox rows and the command answer.
/// </summary>
internal sealed class TicketLog : IDisposable
{
    private const string TicketColumns = "id, day, queue, seq_no, number, category, payer, priority, state, print_state, source, emergency, " +
        "family_size, card_kind, card_number, issued_at, printed_at, first_called_at, last_called_at, finished_at, called_by, call_count, " +
        "transferred_from, transferred_to, queue_key, note, patient_token, checked_in_at, cancelled_by_bpjs";

    private readonly SqliteConnection _connection;
    private readonly TimeZoneInfo _zone;
    private readonly SqliteCommand _saveTicket;
    private readonly SqliteCommand _saveAdvanceBooking;
    private readonly SqliteCommand _appendEvent;
    // Every outbox row below this sequence is published: the publisher's reads start here instead of needing an index.
    private long _lowestUnpublished;

    private TicketLog(string path, SqliteConnection connection, TimeZoneInfo zone)
    {
        Path = path;
        _connection = connection;
        _zone = zone;
        _saveTicket = SaveTicketCommand(connection, "tickets");
        _saveAdvanceBooking = SaveTicketCommand(connection, "advance_bookings");

        _appendEvent = connection.CreateCommand();
        _appendEvent.CommandText = "INSERT INTO outbox(seq, event_id, type, occurred_at, payload) VALUES($seq, $id, $type, $at, $payload)";
        foreach (var name in new[] { "$seq", "$id", "$type", "$at", "$payload" })
        {
            _appendEvent.Parameters.Add(new SqliteParameter(name, null));
        }

        _lowestUnpublished = LowestUnpublished(0);
    }

    private long LowestUnpublished(long from) =>
        Scalar(_connection, "SELECT MIN(seq) FROM outbox WHERE seq >= $from AND published = 0", ("$from", from)) is long low
            ? low
            : (Scalar(_connection, "SELECT MAX(seq) FROM outbox") is long max ? max + 1 : 1);

    public string Path { get; }

    public static TicketLog Open(string path, TimeSpan busyTimeout, TimeZoneInfo zone)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Pooling off: Dispose must really close the file (tests reopen it; a crash leaves nothing cached).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            CheckIntegrity(connection, full);
            ApplyPragmas(connection, busyTimeout);
            Migrate(connection, full);
            return new TicketLog(full, connection, zone);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new QueueDatabaseException(full, DatabaseText.CannotOpen(full, ex.SqliteErrorCode), ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The pragmas every writer of this file uses; the benchmark's bare-INSERT baseline uses the same.</summary>
    public static void ApplyPragmas(SqliteConnection connection, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Execute(connection, $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds};");
        var mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new QueueDatabaseException(connection.DataSource, DatabaseText.NoWal(connection.DataSource, mode));
        }

        // secure_delete: SQLite zeroes what it frees (a rewritten row's old bytes, a freed page) instead of leaving it as
        // loose bytes in the file, where a masked card number's old value would survive (README, "Card data at rest").
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");

        // 512 KiB of page cache instead of SQLite's 2 MiB: a day's issuing and its recap touch far fewer pages, and the
        // default filled up over the first days and stayed as +1.9 MiB of the kiosk's resident memory
        // (bench/KioskMemory.Bench, sqlite3_memory_used 0.3 -> 2.2 MiB); pages beyond it come from the OS file cache.
        Execute(connection, "PRAGMA cache_size = -512;");
    }

    private static void CheckIntegrity(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        var problems = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            // SQLite's own lines (English, page numbers) go to the inner exception for a developer, not to the technician.
            throw new QueueDatabaseException(path, DatabaseText.Corrupt(path, problems.Count),
                new InvalidDataException("quick_check: " + string.Join("; ", problems.Take(5))));
        }
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > Migrations.Steps.Count)
        {
            throw new QueueDatabaseException(path, DatabaseText.NewerSchema(path, version, Migrations.Steps.Count));
        }

        for (var step = version; step < Migrations.Steps.Count; step++)
        {
            using var tx = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = Migrations.Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            tx.Commit();
        }
    }

    public int SchemaVersion => Convert.ToInt32(Scalar(_connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);

    /// <summary>BEGIN IMMEDIATE: takes the write lock up front so a second writer waits (busy_timeout) instead of failing mid-way.</summary>
    public SqliteTransaction BeginWrite() => _connection.BeginTransaction(deferred: false);

    private static SqliteCommand SaveTicketCommand(SqliteConnection connection, string table)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table}({TicketColumns}) VALUES(" +
            string.Join(", ", TicketColumns.Split(", ").Select(c => "$" + c)) + ") ON CONFLICT(id) DO UPDATE SET " +
            string.Join(", ", TicketColumns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));
        foreach (var column in TicketColumns.Split(", "))
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        return command;
    }

    public void SaveTicket(SqliteTransaction tx, Ticket t) => SaveTicketRow(_saveTicket, tx, t);

    /// <summary>A Mobile JKN booking for a business day not open yet (see <see cref="Migrations"/> step 6).</summary>
    public void SaveAdvanceBooking(SqliteTransaction tx, Ticket t) => SaveTicketRow(_saveAdvanceBooking, tx, t);

    /// <summary>The day's opening took its bookings into tickets; bookings of a day the kiosk never opened go with them.</summary>
    public int DeleteAdvanceBookingsThrough(SqliteTransaction tx, DateOnly day) =>
        Execute(Own(tx), "DELETE FROM advance_bookings WHERE day <= $day", ("$day", DayText(day)));

    public List<Ticket> LoadAdvanceBookings()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {TicketColumns} FROM advance_bookings ORDER BY day, queue, seq_no";
        using var reader = command.ExecuteReader();
        var bookings = new List<Ticket>();
        while (reader.Read())
        {
            bookings.Add(ReadTicket(reader));
        }

        return bookings;
    }

    private void SaveTicketRow(SqliteCommand command, SqliteTransaction tx, Ticket t)
    {
        var p = command.Parameters;
        command.Transaction = Own(tx);
        p["$id"].Value = t.Id.ToString();
        p["$day"].Value = DayText(t.BusinessDay);
        p["$queue"].Value = t.ServiceCode;
        p["$seq_no"].Value = t.SequenceNumber;
        p["$number"].Value = t.Number;
        p["$category"].Value = t.Category.ToString();
        p["$payer"].Value = t.Payer.ToString();
        p["$priority"].Value = t.Priority.ToString();
        p["$state"].Value = t.State.ToString();
        p["$print_state"].Value = t.PrintState.ToString();
        p["$source"].Value = t.Source.ToString();
        p["$emergency"].Value = t.IsEmergency ? 1 : 0;
        p["$family_size"].Value = t.FamilySize;
        p["$card_kind"].Value = (object?)t.CardData?.Kind.ToString() ?? DBNull.Value;
        p["$card_number"].Value = (object?)t.CardData?.Number ?? DBNull.Value;
        p["$issued_at"].Value = t.IssuedAt.ToUnixTimeMilliseconds();
        p["$printed_at"].Value = Ms(t.PrintedAt);
        p["$first_called_at"].Value = Ms(t.FirstCalledAt);
        p["$last_called_at"].Value = Ms(t.LastCalledAt);
        p["$finished_at"].Value = Ms(t.FinishedAt);
        p["$called_by"].Value = (object?)t.CalledBy ?? DBNull.Value;
        p["$call_count"].Value = t.CallCount;
        p["$transferred_from"].Value = (object?)t.TransferredFrom?.ToString() ?? DBNull.Value;
        p["$transferred_to"].Value = (object?)t.TransferredTo?.ToString() ?? DBNull.Value;
        p["$queue_key"].Value = t.QueueKey;
        p["$note"].Value = (object?)t.Note ?? DBNull.Value;
        p["$patient_token"].Value = (object?)t.PatientToken ?? DBNull.Value;
        p["$checked_in_at"].Value = Ms(t.CheckedInAt);
        p["$cancelled_by_bpjs"].Value = t.CancelledByBpjs ? 1 : 0;
        command.ExecuteNonQuery();
    }

    public void AppendEvent(SqliteTransaction tx, OutboxEvent e)
    {
        var p = _appendEvent.Parameters;
        _appendEvent.Transaction = Own(tx);
        p["$seq"].Value = e.Sequence;
        p["$id"].Value = e.EventId.ToString();
        p["$type"].Value = e.Type;
        p["$at"].Value = e.OccurredAt.ToUnixTimeMilliseconds();
        p["$payload"].Value = e.Payload;
        _appendEvent.ExecuteNonQuery();
    }

    public void SaveCounter(SqliteTransaction tx, CounterRow c) => Execute(Own(tx),
        "INSERT INTO counters(id, paused, current_ticket, priority_streak) VALUES($id, $paused, $current, $streak) " +
        "ON CONFLICT(id) DO UPDATE SET paused = excluded.paused, current_ticket = excluded.current_ticket, priority_streak = excluded.priority_streak",
        ("$id", c.Id), ("$paused", c.Paused ? 1 : 0), ("$current", c.CurrentTicket?.ToString()), ("$streak", c.PriorityStreak));

    public void SaveDay(SqliteTransaction tx, DayRow d) => Execute(Own(tx),
        "INSERT INTO business_days(day, opened_at, closed_at) VALUES($day, $opened, $closed) " +
        "ON CONFLICT(day) DO UPDATE SET closed_at = excluded.closed_at",
        ("$day", DayText(d.Day)), ("$opened", d.OpenedAtMs), ("$closed", d.ClosedAtMs));

    public void SaveCommand(SqliteTransaction tx, string commandId, string counterId, string kind, long atMs, string resultJson) => Execute(Own(tx),
        "INSERT INTO processed_commands(command_id, counter_id, kind, processed_at, result) VALUES($id, $counter, $kind, $at, $result)",
        ("$id", commandId), ("$counter", counterId), ("$kind", kind), ("$at", atMs), ("$result", resultJson));

    /// <summary>
    /// Masks every stored copy of a card number of <paramref name="day"/> and before, inside the day close's transaction:
    /// the tickets' card numbers (stars, then the last four, as <see cref="Model.CardData.Masked"/>), card-like digits in
    /// their notes (<see cref="Privacy.CardNumberText"/>), and the stored counter replies, whose tickets carry
    /// <c>cardData.number</c>. The outbox never holds card data (events say <c>hasCardData</c>); the other tables hold
    /// none. Idempotent: a masked value is left as it is.
    /// </summary>
    public MaskedCounts MaskCardData(SqliteTransaction tx, DateOnly day)
    {
        Own(tx);
        var cards = Execute(tx,
            "UPDATE tickets SET card_number = CASE WHEN length(card_number) <= 4 THEN substr($stars, 1, length(card_number)) " +
            "ELSE substr($stars, 1, length(card_number) - 4) || substr(card_number, -4) END " +
            "WHERE card_number IS NOT NULL AND day <= $day AND card_number <> CASE WHEN length(card_number) <= 4 THEN substr($stars, 1, length(card_number)) " +
            "ELSE substr($stars, 1, length(card_number) - 4) || substr(card_number, -4) END",
            ("$stars", new string('*', 256)), ("$day", DayText(day)));

        // Notes: an emergency's reason is masked before it is stored; any other note (a void reason) is masked here.
        var notes = 0;
        foreach (var (id, note) in Rows(tx, "SELECT id, note FROM tickets WHERE day <= $day AND note GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]*'",
            ("$day", DayText(day))))
        {
            notes += Execute(tx, "UPDATE tickets SET note = $note WHERE id = $id", ("$note", Privacy.CardNumberText.Mask(note)), ("$id", id));
        }

        // Replies: only rows after the last close's mark are read (a rowid range, not a scan of every kept day). Every
        // row is masked at the close after it was written: a day's commands all run before that day's close.
        var floor = Rows(tx, "SELECT key, value FROM site_state WHERE key = 'replies_masked_through'") is [var mark]
            ? long.Parse(mark.Value, CultureInfo.InvariantCulture) : 0;
        var replies = 0;
        var last = floor;
        foreach (var (rowid, result) in Rows(tx, "SELECT rowid, result FROM processed_commands WHERE rowid > $floor ORDER BY rowid", ("$floor", floor)))
        {
            var id = long.Parse(rowid, CultureInfo.InvariantCulture);
            last = Math.Max(last, id);
            if (Privacy.StoredReplies.Mask(result) is { } masked)
            {
                replies += Execute(tx, "UPDATE processed_commands SET result = $result WHERE rowid = $rowid", ("$result", masked), ("$rowid", id));
            }
        }

        SetState(tx, "replies_masked_through", last);
        return new MaskedCounts(cards, notes, replies);
    }

    /// <summary>
    /// Copies the WAL into the database file and truncates it to zero bytes: the WAL otherwise keeps the page images from
    /// before a masking (or a deletion) until they happen to be overwritten. Busy when another connection reads.
    /// </summary>
    public CheckpointResult CheckpointTruncate()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new CheckpointResult(reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2))
            : new CheckpointResult(true, -1, -1);
    }

    public string? LoadCommand(string commandId) =>
        Scalar(_connection, "SELECT result FROM processed_commands WHERE command_id = $id", ("$id", commandId)) as string;

    public DayRow? LoadLatestDay()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT day, opened_at, closed_at FROM business_days ORDER BY day DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new DayRow(ParseDay(reader.GetString(0)), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2))
            : null;
    }

    public List<DateOnly> LoadDaysBefore(DateOnly cutoff)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT day FROM business_days WHERE day < $cutoff ORDER BY day";
        command.Parameters.AddWithValue("$cutoff", DayText(cutoff));
        using var reader = command.ExecuteReader();
        var days = new List<DateOnly>();
        while (reader.Read())
        {
            days.Add(ParseDay(reader.GetString(0)));
        }

        return days;
    }

    public List<CounterRow> LoadCounters()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, paused, current_ticket, priority_streak FROM counters";
        using var reader = command.ExecuteReader();
        var rows = new List<CounterRow>();
        while (reader.Read())
        {
            rows.Add(new CounterRow(reader.GetString(0), reader.GetInt64(1) != 0,
                reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2)), reader.GetInt32(3)));
        }

        return rows;
    }

    public List<Ticket> LoadTickets(DateOnly from, DateOnly to)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {TicketColumns} FROM tickets WHERE day >= $from AND day <= $to ORDER BY day, issued_at, queue, seq_no";
        command.Parameters.AddWithValue("$from", DayText(from));
        command.Parameters.AddWithValue("$to", DayText(to));
        using var reader = command.ExecuteReader();
        var tickets = new List<Ticket>();
        while (reader.Read())
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    /// <summary>Highest sequence ever used: the outbox's last row, or the floor retention left when it deleted rows.</summary>
    public long LoadSequence()
    {
        var max = Scalar(_connection, "SELECT MAX(seq) FROM outbox") is long m ? m : 0;
        var floor = Scalar(_connection, "SELECT value FROM site_state WHERE key = 'sequence_floor'") is string f
            ? long.Parse(f, CultureInfo.InvariantCulture) : 0;
        return Math.Max(max, floor);
    }

    public List<OutboxEvent> ReadOutbox(int max, bool unpublishedOnly, long afterSequence = 0)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT event_id, seq, type, occurred_at, payload FROM outbox WHERE seq > $after " +
            (unpublishedOnly ? "AND published = 0 " : "") + "ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$after", unpublishedOnly ? Math.Max(afterSequence, _lowestUnpublished - 1) : afterSequence);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var events = new List<OutboxEvent>();
        while (reader.Read())
        {
            events.Add(new OutboxEvent(Guid.Parse(reader.GetString(0)), reader.GetInt64(1), reader.GetString(2),
                ToZone(reader.GetInt64(3)), reader.GetString(4)));
        }

        return events;
    }

    public int MarkPublished(long uptoSequence) =>
        CommitWithoutSync("UPDATE outbox SET published = 1 WHERE seq >= $low AND seq <= $upto AND published = 0",
            ("$low", _lowestUnpublished), ("$upto", uptoSequence));

    public int MarkPublished(Guid eventId) =>
        CommitWithoutSync("UPDATE outbox SET published = 1 WHERE seq >= $low AND published = 0 AND event_id = $id",
            ("$low", _lowestUnpublished), ("$id", eventId.ToString()));

    /// <summary>The connection's <c>PRAGMA synchronous</c> now (2 = FULL), for the tests.</summary>
    internal long SynchronousMode => Scalar(_connection, "PRAGMA synchronous;") is long mode ? mode : -1;

    /// <summary>
    /// The "published" mark is committed with <c>synchronous = NORMAL</c>: in WAL mode that commit is not fsynced by
    /// itself, but it is written to the WAL in order, so the next FULL commit (the next ticket or command) syncs it too,
    /// and the file is never inconsistent. A power cut can lose only the mark, and a lost mark only publishes the event
    /// once more, which every receiver drops by its id. Its own fsync held the engine's lock for one more disk flush
    /// after each event, and the next loket command waited behind it: measured with <c>./kiosk.sh bench screens</c> on
    /// the shared 2-core machine, 4.2 fsyncs per click (emergency + serve) before, 2.1 after.
    /// </summary>
    private int CommitWithoutSync(string sql, params (string Name, object? Value)[] parameters)
    {
        Execute(_connection, "PRAGMA synchronous = NORMAL;");
        try
        {
            using var tx = BeginWrite();
            var count = Execute(tx, sql, parameters);
            tx.Commit();
            _lowestUnpublished = LowestUnpublished(_lowestUnpublished);
            return count;
        }
        finally
        {
            Execute(_connection, "PRAGMA synchronous = FULL;");
        }
    }

    /// <summary>Deletes one archived business day; keeps the sequence floor so a number is never reused.</summary>
    public int DeleteDay(SqliteTransaction tx, DateOnly day, long sequence, long beforeMs)
    {
        Execute(Own(tx), "INSERT INTO site_state(key, value) VALUES('sequence_floor', $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$v", sequence.ToString(CultureInfo.InvariantCulture)));
        var tickets = Execute(tx, "DELETE FROM tickets WHERE day = $day", ("$day", DayText(day)));
        Execute(tx, "DELETE FROM business_days WHERE day = $day", ("$day", DayText(day)));
        // Unpublished events stay whatever their age: a committed event must still reach the broker.
        Execute(tx, "DELETE FROM outbox WHERE published = 1 AND occurred_at < $before", ("$before", beforeMs));
        Execute(tx, "DELETE FROM processed_commands WHERE processed_at < $before", ("$before", beforeMs));
        // Without an INTEGER PRIMARY KEY a deleted highest rowid is handed out again: pull the replies' masking mark
        // down to what is left, so a reused rowid is never taken for an already-masked row.
        Execute(tx, "UPDATE site_state SET value = CAST((SELECT coalesce(max(rowid), 0) FROM processed_commands) AS TEXT) " +
            "WHERE key = 'replies_masked_through' AND CAST(value AS INTEGER) > (SELECT coalesce(max(rowid), 0) FROM processed_commands)");
        return tickets;
    }

    private static void SetState(SqliteTransaction tx, string key, long value) => Execute(tx,
        "INSERT INTO site_state(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        ("$key", key), ("$value", value.ToString(CultureInfo.InvariantCulture)));

    private static List<(string Key, string Value)> Rows(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, reader.GetString(1)));
        }

        return rows;
    }

    public string? Pragma(string name) =>
        name.All(c => char.IsAsciiLetter(c) || c == '_')
            ? Convert.ToString(Scalar(_connection, $"PRAGMA {name};"), CultureInfo.InvariantCulture)
            : throw new ArgumentException($"not a pragma name: {name}", nameof(name));

    public void SetPragma(string name, long value)
    {
        _ = Pragma(name);
        Execute(_connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA {name} = {value};"));
    }

    public List<string> IntegrityCheck()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>A transaction of another connection would write outside the one writer's transaction: a bug, not a runtime case.</summary>
    private SqliteTransaction Own(SqliteTransaction tx) =>
        ReferenceEquals(tx.Connection, _connection) ? tx : throw new InvalidOperationException("transaction belongs to another connection");

    public void Dispose()
    {
        _saveTicket.Dispose();
        _saveAdvanceBooking.Dispose();
        _appendEvent.Dispose();
        _connection.Dispose();
    }

    private Ticket ReadTicket(SqliteDataReader r)
    {
        CardData? card = r.IsDBNull(13) ? null : new CardData(Enum.Parse<CardKind>(r.GetString(13)), r.GetString(14));
        return new Ticket
        {
            Id = Guid.Parse(r.GetString(0)),
            BusinessDay = ParseDay(r.GetString(1)),
            ServiceCode = r.GetString(2),
            SequenceNumber = r.GetInt32(3),
            Number = r.GetString(4),
            Category = Enum.Parse<PatientCategory>(r.GetString(5)),
            Payer = Enum.Parse<Payer>(r.GetString(6)),
            Priority = Enum.Parse<PriorityKind>(r.GetString(7)),
            State = Enum.Parse<TicketState>(r.GetString(8)),
            PrintState = Enum.Parse<PrintState>(r.GetString(9)),
            Source = Enum.Parse<TicketSource>(r.GetString(10)),
            IsEmergency = r.GetInt64(11) != 0,
            FamilySize = r.GetInt32(12),
            CardData = card,
            IssuedAt = ToZone(r.GetInt64(15)),
            PrintedAt = OptionalTime(r, 16),
            FirstCalledAt = OptionalTime(r, 17),
            LastCalledAt = OptionalTime(r, 18),
            FinishedAt = OptionalTime(r, 19),
            CalledBy = r.IsDBNull(20) ? null : r.GetString(20),
            CallCount = r.GetInt32(21),
            TransferredFrom = r.IsDBNull(22) ? null : Guid.Parse(r.GetString(22)),
            TransferredTo = r.IsDBNull(23) ? null : Guid.Parse(r.GetString(23)),
            QueueKey = r.GetDouble(24),
            Note = r.IsDBNull(25) ? null : r.GetString(25),
            PatientToken = r.IsDBNull(26) ? null : r.GetString(26),
            CheckedInAt = OptionalTime(r, 27),
            CancelledByBpjs = r.GetInt64(28) != 0,
        };
    }

    private DateTimeOffset? OptionalTime(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : ToZone(r.GetInt64(ordinal));

    private DateTimeOffset ToZone(long ms) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), _zone);

    private static object Ms(DateTimeOffset? at) => at is { } value ? value.ToUnixTimeMilliseconds() : DBNull.Value;

    internal static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Execute(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteScalar();
    }
}
