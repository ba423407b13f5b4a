using Microsoft.Data.Sqlite;

namespace Kiosk.Bpjs.Outbox;

/// <summary>
/// Opens a connection to the bridge's one SQLite file (the outbox, the references, the Mobile JKN bookings: each its own
/// table and connection, so their writes never share a transaction) with the outbox's durability: WAL, synchronous =
/// FULL, a finished row's old bytes zeroed.
/// </summary>
public static class OutboxFile
{
    /// <summary>An open connection with <paramref name="schema"/> applied; the caller owns it.</summary>
    public static SqliteConnection Open(string path, string schema)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(schema);
        // Pooling off: Dispose must really close the file (a restarted bridge and the tests reopen it).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000;";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {path}.");
            }

            // secure_delete: a finished report's old bytes are zeroed, not left loose in the file.
            command.CommandText = "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; " + schema;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
