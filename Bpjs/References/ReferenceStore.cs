using System.Globalization;
using System.Text.Json;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Reporting;
using Microsoft.Data.Sqlite;

namespace Kiosk.Bpjs.References;

/// <summary>
/// The day's references kept in the outbox's SQLite file (a table of their own), so a bridge restarted without
/// internet still has the last list BPJS gave. One row per day; the last week is kept. Same durability as the outbox
/// (WAL, synchronous = FULL), its own connection: the sender's writes and these never share a transaction.
/// </summary>
public sealed class ReferenceStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reference_days (
            day TEXT PRIMARY KEY,
            poli TEXT NOT NULL,
            dokter TEXT NOT NULL,
            fetched_at INTEGER NOT NULL
        );
        """;

    private static readonly TimeSpan Kept = TimeSpan.FromDays(7);
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    private ReferenceStore(SqliteConnection connection) => this.connection = connection;

    public static ReferenceStore Open(string path) => new(OutboxFile.Open(path, Schema));

    /// <summary>Keeps <paramref name="snapshot"/> (replacing that day's) in one fsynced commit, and drops days older than a week.</summary>
    public void Save(ReferenceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var upsert = connection.CreateCommand();
            upsert.Transaction = tx;
            upsert.CommandText = """
                INSERT INTO reference_days (day, poli, dokter, fetched_at) VALUES ($day, $poli, $dokter, $at)
                ON CONFLICT (day) DO UPDATE SET poli = excluded.poli, dokter = excluded.dokter, fetched_at = excluded.fetched_at;
                DELETE FROM reference_days WHERE day < $oldest;
                """;
            upsert.Parameters.AddWithValue("$day", Day(snapshot.Day));
            upsert.Parameters.AddWithValue("$poli", JsonSerializer.Serialize(snapshot.Poli, BpjsJsonContext.Default.IReadOnlyListReferensiPoli));
            upsert.Parameters.AddWithValue("$dokter", JsonSerializer.Serialize(snapshot.Dokter, BpjsJsonContext.Default.IReadOnlyDictionaryStringIReadOnlyListReferensiDokter));
            upsert.Parameters.AddWithValue("$at", snapshot.FetchedAt.ToUnixTimeMilliseconds());
            upsert.Parameters.AddWithValue("$oldest", Day(snapshot.Day.AddDays(-(int)Kept.TotalDays)));
            upsert.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>The most recent day kept, or null when BPJS has never answered on this bridge (or the row cannot be read).</summary>
    public ReferenceSnapshot? Latest()
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT day, poli, dokter, fetched_at FROM reference_days ORDER BY day DESC LIMIT 1;";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            try
            {
                var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var poli = JsonSerializer.Deserialize(reader.GetString(1), BpjsJsonContext.Default.ListReferensiPoli);
                var dokter = JsonSerializer.Deserialize(reader.GetString(2), BpjsJsonContext.Default.DictionaryStringListReferensiDokter);
                if (poli is null || dokter is null)
                {
                    return null;
                }

                return new ReferenceSnapshot(
                    day,
                    poli,
                    dokter.ToDictionary(p => p.Key, p => (IReadOnlyList<ReferensiDokter>)p.Value, StringComparer.OrdinalIgnoreCase),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                // A row written by another version: as if nothing were kept; the next fetch replaces it.
                return null;
            }
        }
    }

    public void Dispose() => connection.Dispose();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
