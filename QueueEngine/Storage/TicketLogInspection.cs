using Microsoft.Data.Sqlite;

namespace Kiosk.Queue.Storage;

/// <summary>What the doctor reads of a ticket log without writing a byte: integrity lines, the last business day, the ticket count.</summary>
public sealed record TicketLogInspection(IReadOnlyList<string> Integrity, DateOnly? LastBusinessDay, long Tickets)
{
    public bool IsIntact => Integrity.Count == 1 && Integrity[0] == "ok";

    /// <summary>
    /// Opens the file read-only (never creates it, never migrates it, never opens a business day): a check tool must not
    /// change what it checks. Throws <see cref="SqliteException"/> when the file is not a readable SQLite database.
    /// </summary>
    public static TicketLogInspection Read(string path)
    {
        // A WAL database opened read-only still creates its -wal and -shm files. Without a -wal file no writer is at
        // work and everything is in the main file, so it is read as immutable (no lock, no side files); with one, the
        // running kiosk already made both files and a plain read-only open adds nothing.
        var full = Path.GetFullPath(path);
        var writerActive = File.Exists(full + "-wal");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = writerActive ? full : new Uri(full).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var integrity = new List<string>();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            using var reader = check.ExecuteReader();
            while (reader.Read())
            {
                integrity.Add(reader.GetString(0));
            }
        }

        DateOnly? day = null;
        long tickets = 0;
        using (var tables = connection.CreateCommand())
        {
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('business_days', 'tickets');";
            if (Convert.ToInt64(tables.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 2)
            {
                using var last = connection.CreateCommand();
                last.CommandText = "SELECT max(day) FROM business_days;";
                if (last.ExecuteScalar() is string text && DateOnly.TryParseExact(text, "yyyy-MM-dd", out var parsed))
                {
                    day = parsed;
                }

                using var count = connection.CreateCommand();
                count.CommandText = "SELECT count(*) FROM tickets;";
                tickets = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new TicketLogInspection(integrity, day, tickets);
    }
}
