using System.Globalization;
using Kiosk.Bpjs.Reporting;
using Microsoft.Data.Sqlite;

namespace Kiosk.Bpjs.Outbox;

/// <summary>
/// The bridge's durable outbox: one SQLite row per report, with the kiosk's durability rules (WAL,
/// <c>synchronous = FULL</c>: every commit is fsynced before <see cref="Add"/> returns, and only then does the MQTT
/// message get its PUBACK). A row is unique by its event id, so a message Mosquitto delivers again after a crash adds
/// nothing. Reports go out per ticket in the order they were stored (tambah, then panggil, then batal, as the kiosk's
/// events come): a ticket's report is due only when no earlier report of that ticket is pending, and a refusal stops
/// the ticket's later reports with the reason kept. Tickets never wait for each other.
/// </summary>
public sealed class ReportOutbox : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            ticket_id TEXT NOT NULL,
            ticket_number TEXT NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            occurred_at TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (ticket_id, kind)
        );
        CREATE INDEX IF NOT EXISTS reports_pending ON reports (state, next_attempt_at);
        CREATE INDEX IF NOT EXISTS reports_ticket ON reports (ticket_id, id);
        """;

    private const string Columns =
        "id, event_id, ticket_id, ticket_number, kind, body, state, attempts, next_attempt_at, last_error, occurred_at, created_at, updated_at";

    /// <summary>Pending rows with no earlier pending row of the same ticket: the heads of each ticket's line.</summary>
    private const string Heads = """
        r.state = 'pending' AND NOT EXISTS (
            SELECT 1 FROM reports e WHERE e.ticket_id = r.ticket_id AND e.id < r.id AND e.state = 'pending')
        """;

    private readonly SqliteConnection connection;
    private readonly TimeProvider time;
    private readonly Lock gate = new();

    private ReportOutbox(SqliteConnection connection, TimeProvider time)
    {
        this.connection = connection;
        this.time = time;
    }

    public string Path => connection.DataSource;

    public static ReportOutbox Open(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ReportOutbox(OutboxFile.Open(path, Schema), time);
    }

    /// <summary>Stores <paramref name="report"/> in one fsynced commit; see <see cref="AddResult"/> for what it may decide instead.</summary>
    public AddResult Add(PlannedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            if (Exists(tx, "event_id = $a", report.EventId.ToString("D"), null)
                || Exists(tx, "ticket_id = $a AND kind = $b", Ticket(report.TicketId), Kind(report.Kind)))
            {
                return AddResult.AlreadyStored;
            }

            if (report.Kind != ReportKind.Tambah && !report.MadeByBpjs && !Exists(tx, "ticket_id = $a AND kind = $b", Ticket(report.TicketId), Kind(ReportKind.Tambah)))
            {
                return AddResult.NoTambah;
            }

            var refusal = RefusalOf(tx, report.TicketId);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            using var insert = Command(tx, """
                INSERT INTO reports (event_id, ticket_id, ticket_number, kind, body, state, attempts, next_attempt_at, last_error, occurred_at, created_at, updated_at)
                VALUES ($event, $ticket, $number, $kind, $body, $state, 0, $now, $error, $occurred, $now, $now);
                """);
            insert.Parameters.AddWithValue("$event", report.EventId.ToString("D"));
            insert.Parameters.AddWithValue("$ticket", Ticket(report.TicketId));
            insert.Parameters.AddWithValue("$number", report.TicketNumber);
            insert.Parameters.AddWithValue("$kind", Kind(report.Kind));
            insert.Parameters.AddWithValue("$body", report.Body);
            insert.Parameters.AddWithValue("$state", refusal is null ? State(ReportState.Pending) : State(ReportState.Refused));
            insert.Parameters.AddWithValue("$error", (object?)refusal ?? DBNull.Value);
            insert.Parameters.AddWithValue("$occurred", report.OccurredAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$now", now);
            insert.ExecuteNonQuery();
            tx.Commit();
            return refusal is null ? AddResult.Added : AddResult.StoppedByRefusal;
        }
    }

    /// <summary>Up to <paramref name="max"/> reports due now, each the first pending one of its ticket, oldest due first.</summary>
    public IReadOnlyList<OutboxReport> Due(int max)
    {
        lock (gate)
        {
            using var command = Command(null, $"SELECT {Prefixed} FROM reports r WHERE {Heads} AND r.next_attempt_at <= $now ORDER BY r.next_attempt_at, r.id LIMIT $max;");
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            return ReadAll(command);
        }
    }

    /// <summary>When the next report falls due (possibly already), or null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt()
    {
        lock (gate)
        {
            return Scalar(connection, $"SELECT MIN(r.next_attempt_at) FROM reports r WHERE {Heads};") is long at
                ? DateTimeOffset.FromUnixTimeMilliseconds(at)
                : null;
        }
    }

    /// <summary>BPJS took it (<see cref="ReportState.Delivered"/>) or had it already (<see cref="ReportState.AlreadyDone"/>).</summary>
    public void MarkDone(long id, ReportState state)
    {
        if (state is not (ReportState.Delivered or ReportState.AlreadyDone))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "a done state is delivered or already-done");
        }

        Update(id, "state = $state, attempts = attempts + 1, last_error = NULL", ("$state", State(state)));
    }

    /// <summary>Not taken this time: tried again at <paramref name="nextAttemptAt"/>, with <paramref name="error"/> kept.</summary>
    public void MarkRetry(long id, string error, DateTimeOffset nextAttemptAt) =>
        Update(id, "attempts = attempts + 1, last_error = $error, next_attempt_at = $next",
            ("$error", error), ("$next", nextAttemptAt.ToUnixTimeMilliseconds()));

    /// <summary>
    /// Makes every report waiting for a retry due now: BPJS answered again after an outage, so the backlog goes at once
    /// instead of each report sitting out its own back-off (up to the cap). Returns how many were brought forward.
    /// </summary>
    public int BringForward()
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var command = Command(tx, "UPDATE reports SET next_attempt_at = $now WHERE state = 'pending' AND next_attempt_at > $now;");
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            var changed = command.ExecuteNonQuery();
            tx.Commit();
            return changed;
        }
    }

    /// <summary>Refused for good: this report and every later pending one of its ticket stop, keeping <paramref name="reason"/>.</summary>
    public void Refuse(long id, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var command = Command(tx, """
                UPDATE reports SET state = 'refused', last_error = $reason, updated_at = $now,
                    attempts = attempts + (CASE WHEN id = $id THEN 1 ELSE 0 END)
                WHERE ticket_id = (SELECT ticket_id FROM reports WHERE id = $id) AND state = 'pending' AND id >= $id;
                """);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>What waits for BPJS: the count and the oldest one's event time (the loket page and doctor show it).</summary>
    public ReportBacklog Backlog()
    {
        lock (gate)
        {
            using var command = Command(null, "SELECT COUNT(*), (SELECT occurred_at FROM reports WHERE state = 'pending' ORDER BY id LIMIT 1) FROM reports WHERE state = 'pending';");
            using var reader = command.ExecuteReader();
            reader.Read();
            var count = reader.GetInt32(0);
            return new ReportBacklog(count, reader.IsDBNull(1) ? null : ParseTime(reader.GetString(1)));
        }
    }

    /// <summary>Every ticket stopped by a refusal, its first refused report's reason, oldest first.</summary>
    public IReadOnlyList<RefusedTicket> RefusedTickets()
    {
        lock (gate)
        {
            using var command = Command(null, $"""
                SELECT {Prefixed} FROM reports r WHERE r.state = 'refused'
                AND r.id = (SELECT MIN(f.id) FROM reports f WHERE f.ticket_id = r.ticket_id AND f.state = 'refused') ORDER BY r.id;
                """);
            return [.. ReadAll(command).Select(r => new RefusedTicket(r.TicketId, r.TicketNumber, r.Kind, r.LastError ?? string.Empty, r.OccurredAt))];
        }
    }

    /// <summary>Every report in the order stored (for doctor and the tests).</summary>
    public IReadOnlyList<OutboxReport> All()
    {
        lock (gate)
        {
            using var command = Command(null, $"SELECT {Prefixed} FROM reports r ORDER BY r.id;");
            return ReadAll(command);
        }
    }

    /// <summary>A pragma's value now (the tests check WAL and synchronous = FULL).</summary>
    internal string? Pragma(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw new ArgumentException($"not a pragma name: {name}", nameof(name));
        }

        lock (gate)
        {
            return Convert.ToString(Scalar(connection, $"PRAGMA {name};"), CultureInfo.InvariantCulture);
        }
    }

    public void Dispose() => connection.Dispose();

    private static string Prefixed => string.Join(", ", Columns.Split(", ").Select(c => "r." + c));

    private void Update(long id, string set, params (string Name, object Value)[] values)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var command = Command(tx, $"UPDATE reports SET {set}, updated_at = $now WHERE id = $id AND state = 'pending';");
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            foreach (var (name, value) in values)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
            tx.Commit();
        }
    }

    private bool Exists(SqliteTransaction tx, string where, string a, string? b)
    {
        using var command = Command(tx, $"SELECT EXISTS (SELECT 1 FROM reports WHERE {where});");
        command.Parameters.AddWithValue("$a", a);
        if (b is not null)
        {
            command.Parameters.AddWithValue("$b", b);
        }

        return command.ExecuteScalar() is long found && found == 1;
    }

    private string? RefusalOf(SqliteTransaction tx, Guid ticketId)
    {
        using var command = Command(tx, "SELECT last_error FROM reports WHERE ticket_id = $t AND state = 'refused' ORDER BY id LIMIT 1;");
        command.Parameters.AddWithValue("$t", Ticket(ticketId));
        return command.ExecuteScalar() switch
        {
            string reason => reason,
            DBNull => string.Empty,
            _ => null,
        };
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    private static List<OutboxReport> ReadAll(SqliteCommand command)
    {
        var reports = new List<OutboxReport>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            reports.Add(new OutboxReport(
                reader.GetInt64(0),
                Guid.Parse(reader.GetString(1)),
                Guid.Parse(reader.GetString(2)),
                reader.GetString(3),
                ParseKind(reader.GetString(4)),
                reader.GetString(5),
                ParseState(reader.GetString(6)),
                reader.GetInt32(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                ParseTime(reader.GetString(10)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12))));
        }

        return reports;
    }

    private static string Ticket(Guid id) => id.ToString("D");

    private static string Kind(ReportKind kind) => kind switch
    {
        ReportKind.Tambah => "tambah",
        ReportKind.Panggil => "panggil",
        ReportKind.Batal => "batal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a report kind"),
    };

    private static ReportKind ParseKind(string text) => text switch
    {
        "tambah" => ReportKind.Tambah,
        "panggil" => ReportKind.Panggil,
        "batal" => ReportKind.Batal,
        _ => throw new InvalidDataException($"the outbox holds an unknown report kind '{text}'"),
    };

    private static string State(ReportState state) => state switch
    {
        ReportState.Pending => "pending",
        ReportState.Delivered => "delivered",
        ReportState.AlreadyDone => "already-done",
        ReportState.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a report state"),
    };

    private static ReportState ParseState(string text) => text switch
    {
        "pending" => ReportState.Pending,
        "delivered" => ReportState.Delivered,
        "already-done" => ReportState.AlreadyDone,
        "refused" => ReportState.Refused,
        _ => throw new InvalidDataException($"the outbox holds an unknown report state '{text}'"),
    };

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);


    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
