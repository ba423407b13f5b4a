using Kiosk.Bpjs.Outbox;
using Microsoft.Data.Sqlite;

namespace Kiosk.Bpjs.Booking;

/// <summary>
/// The poli BPJS booked for each Mobile JKN booking this bridge took (a table of its own in the outbox's SQLite file,
/// WAL and synchronous = FULL, its own connection). The kiosk may give a booked poli its number in the registration
/// queue every patient passes first; when that ticket is what happens to the booking (the patient never came, the
/// officer cancelled it), the report must name the poli BPJS holds the booking for, which the kiosk's events do not.
/// </summary>
public sealed class MobileJknBookings : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS mobile_jkn_bookings (
            ticket_id TEXT PRIMARY KEY,
            kode_poli TEXT NOT NULL,
            booked_at INTEGER NOT NULL
        );
        """;

    /// <summary>A booking is for one day; a month covers any outage the outbox can still be draining.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromDays(31);

    private readonly SqliteConnection connection;
    private readonly TimeProvider time;
    private readonly Lock gate = new();

    private MobileJknBookings(SqliteConnection connection, TimeProvider time)
    {
        this.connection = connection;
        this.time = time;
    }

    public static MobileJknBookings Open(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new MobileJknBookings(OutboxFile.Open(path, Schema), time);
    }

    /// <summary>Keeps the poli of a booking the kiosk confirmed (one fsynced commit); a repeated booking keeps its first poli.</summary>
    public void Record(Guid ticketId, string kodePoli)
    {
        ArgumentException.ThrowIfNullOrEmpty(kodePoli);
        var now = time.GetUtcNow();
        lock (gate)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO mobile_jkn_bookings (ticket_id, kode_poli, booked_at) VALUES ($id, $poli, $at)
                ON CONFLICT (ticket_id) DO NOTHING;
                DELETE FROM mobile_jkn_bookings WHERE booked_at < $oldest;
                """;
            insert.Parameters.AddWithValue("$id", ticketId.ToString("D"));
            insert.Parameters.AddWithValue("$poli", kodePoli);
            insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$oldest", (now - Kept).ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The poli BPJS booked for <paramref name="ticketId"/>, or null for a ticket this bridge did not book.</summary>
    public string? PoliOf(Guid ticketId)
    {
        lock (gate)
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT kode_poli FROM mobile_jkn_bookings WHERE ticket_id = $id";
            select.Parameters.AddWithValue("$id", ticketId.ToString("D"));
            return select.ExecuteScalar() as string;
        }
    }

    public void Dispose() => connection.Dispose();
}
