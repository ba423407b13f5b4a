using Npgsql;

namespace Kiosk.District.Tests.Dinkes;

/// <summary>Rows as the ingest writes them (wire spellings: kebab-case enums, event data as the contract's JSON).</summary>
internal sealed class DinkesSeed(NpgsqlDataSource database)
{
    private long sequence;

    public async Task SiteAsync(string site, string name)
    {
        await ExecAsync("INSERT INTO sites (site, name) VALUES ($1, $2)", site, name);
    }

    public async Task EventAsync(string site, string type, DateTimeOffset at, DateOnly day, string data = "{}")
    {
        var next = Interlocked.Increment(ref sequence);
        await ExecAsync(
            "INSERT INTO events (site, sequence, event_id, type, occurred_at, business_day, data, stream_seq, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $2, $5)",
            site, next, Guid.NewGuid(), type, at, day, data);
    }

    public async Task TicketAsync(
        string site,
        DateOnly day,
        string service,
        string state,
        DateTimeOffset issued,
        DateTimeOffset? firstCalled = null,
        DateTimeOffset? called = null,
        DateTimeOffset? finished = null,
        string category = "lama",
        string payer = "bpjs",
        Guid? transferredTo = null)
    {
        var next = Interlocked.Increment(ref sequence);
        await ExecAsync(
            """
            INSERT INTO tickets (site, ticket_id, business_day, number, service_code, state, category, payer, priority, is_emergency, family_size,
                                 issued_at, first_called_at, called_at, finished_at, transferred_to, last_sequence)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'none', false, 1, $9, $10, $11, $12, $13, $14)
            """,
            site, Guid.NewGuid(), day, $"A-{next:000}", service, state, category, payer, issued,
            (object?)firstCalled ?? DBNull.Value, (object?)called ?? DBNull.Value, (object?)finished ?? DBNull.Value, (object?)transferredTo ?? DBNull.Value, next);
    }

    public async Task KioskAsync(string site, string kiosk, bool online, string printer, DateTimeOffset at, DateTimeOffset since, int? heartbeat = 30)
    {
        await ExecAsync(
            """
            INSERT INTO kiosk_status (site, kiosk_id, online, printer, message, unprinted_tickets, at, heartbeat_seconds, since, received_at)
            VALUES ($1, $2, $3, $4, '', 0, $5, $6, $7, $5)
            ON CONFLICT (site, kiosk_id) DO UPDATE SET online = excluded.online, printer = excluded.printer, at = excluded.at,
                heartbeat_seconds = excluded.heartbeat_seconds, since = excluded.since, received_at = excluded.received_at
            """,
            site, kiosk, online, printer, at, (object?)heartbeat ?? DBNull.Value, since);
    }

    public async Task LinkAsync(string site, long forwarded, long atSite, int heartbeat, DateTimeOffset received)
    {
        await ExecAsync(
            """
            INSERT INTO link_status (site, site_broker_connected, last_forwarded_sequence, site_sequence, heartbeat_seconds, sent_at, received_at)
            VALUES ($1, true, $2, $3, $4, $5, $5)
            """,
            site, forwarded, atSite, heartbeat, received);
    }

    private async Task ExecAsync(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
