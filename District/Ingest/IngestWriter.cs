using Kiosk.Contract.Json;
using Kiosk.Contract.Status;
using Npgsql;
using NpgsqlTypes;

namespace Kiosk.District.Ingest;

/// <summary>
/// Writes one batch in ONE transaction, one round trip: each table gets a single multi-row statement over
/// <c>unnest</c> of array parameters. Every statement is idempotent, so a batch written twice (a crash between the commit
/// and the acknowledgement redelivers it) changes nothing: events by (site, sequence), tickets only forward by
/// sequence, kiosk status only forward by stream sequence, rejected by stream sequence. Site clocks never order anything.
/// </summary>
/// <remarks>
/// Binary COPY into a temporary table (ON COMMIT DROP) and then <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c> was
/// measured against this and is not faster: 20,000 ticket events (issued, called, served) of 20 sites, interleaved runs
/// on this loaded 2-core machine, 7 Dec 2026: batches of 500 unnest 10,726 / 18,495 / 14,627 events/s against COPY
/// 10,667 / 15,940 / 14,960; batches of 2,000 unnest 18,707 / 20,205 / 19,992 against COPY 14,952 / 10,482 / 18,651
/// (the temporary table's create, drop and extra round trips cost what the arrays' decoding saves). The writer on its
/// own does 10,000 to 20,000 events/s, several times the service's drain rate (bench/District.Bench, figure (e)), so
/// the ingest's time goes to the loop around it and the cluster on the same cores, not to these statements.
/// </remarks>
internal static class IngestWriter
{
    /// <summary>Commits the batch and returns the sites whose rows changed.</summary>
    public static async Task<IReadOnlyCollection<string>> WriteAsync(NpgsqlDataSource database, IReadOnlyList<IngestItem> items, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var events = items.OfType<IngestEvent>().ToList();
        var statuses = items.OfType<IngestStatus>().ToList();
        var rejected = items.OfType<IngestRejected>().ToList();
        var received = receivedAt.ToUniversalTime();

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var sites = events.Select(e => e.Envelope.Site).Concat(statuses.Select(s => s.Site)).Distinct(StringComparer.Ordinal).ToArray();
        if (sites.Length > 0)
        {
            Add(batch, "INSERT INTO sites (site) SELECT unnest($1::text[]) ON CONFLICT (site) DO NOTHING", (object)sites);
        }

        if (events.Count > 0)
        {
            AddEvents(batch, events, received);
        }

        if (events.Any(e => e.Ticket is not null))
        {
            AddTickets(batch, events);
        }

        foreach (var recap in events.Where(e => e.Recap is not null).GroupBy(e => (e.Envelope.Site, e.Recap!.BusinessDay)).Select(g => g.MaxBy(e => e.Envelope.Sequence)!))
        {
            Add(batch, """
                INSERT INTO day_recaps (site, business_day, data) VALUES ($1, $2, $3)
                ON CONFLICT (site, business_day) DO UPDATE SET data = EXCLUDED.data
                """, recap.Envelope.Site, recap.Recap!.BusinessDay, new NpgsqlParameter { Value = recap.DataJson!, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        foreach (var kiosk in statuses.GroupBy(s => (s.Site, s.Status.KioskId)))
        {
            AddStatus(batch, kiosk.OrderBy(s => s.StreamSequence).ToList(), received);
        }

        if (rejected.Count > 0)
        {
            Add(batch, """
                INSERT INTO rejected (subject, site, reason, payload, size, stream_seq, received_at)
                SELECT s, si, r, p, octet_length(p), q, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[]) AS u(s, si, r, p, q)
                ON CONFLICT (stream_seq) DO NOTHING
                """,
                rejected.Select(r => r.Subject).ToArray(), rejected.Select(r => r.Site).ToArray(), rejected.Select(r => r.Reason).ToArray(),
                rejected.Select(r => r.Payload).ToArray(), rejected.Select(r => (long)r.StreamSequence).ToArray(), received);
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        if (batch.BatchCommands.Count > 0)
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.FieldCount == 1 && reader.GetFieldValue<object>(0) is string site)
                    {
                        changed.Add(site);
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var status in statuses)
        {
            changed.Add(status.Site);
        }

        return changed;
    }

    private static void AddEvents(NpgsqlBatch batch, List<IngestEvent> events, DateTimeOffset received) => Add(batch, """
        INSERT INTO events (site, sequence, event_id, type, occurred_at, business_day, data, stream_seq, received_at)
        SELECT site, seq, id, type, at, day, data, q, $9 FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::timestamptz[], $6::date[], $7::jsonb[], $8::bigint[])
            AS u(site, seq, id, type, at, day, data, q)
        ON CONFLICT (site, sequence) DO NOTHING
        RETURNING site
        """,
        events.Select(e => e.Envelope.Site).ToArray(),
        events.Select(e => e.Envelope.Sequence).ToArray(),
        events.Select(e => e.Envelope.EventId).ToArray(),
        events.Select(e => e.Envelope.Type).ToArray(),
        events.Select(e => e.Envelope.OccurredAt.ToUniversalTime()).ToArray(),
        events.Select(e => e.BusinessDay).ToArray(),
        new NpgsqlParameter { Value = events.Select(e => e.DataJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
        events.Select(e => (long)e.StreamSequence).ToArray(),
        received);

    /// <summary>
    /// The newest event of each ticket in the batch (by sequence), with the first call the batch saw; a ticket row moves
    /// only forward, and its first call, once known, stays.
    /// </summary>
    private static void AddTickets(NpgsqlBatch batch, List<IngestEvent> events)
    {
        var tickets = events.Where(e => e.Ticket is not null)
            .GroupBy(e => (e.Envelope.Site, e.Ticket!.TicketId))
            .Select(g => (Newest: g.MaxBy(e => e.Envelope.Sequence)!, FirstCall: g.OrderBy(e => e.Envelope.Sequence).Select(e => e.Ticket!.CalledAt).FirstOrDefault(c => c is not null)))
            .ToList();
        var t = tickets.Select(x => x.Newest.Ticket!).ToList();
        Add(batch, """
            INSERT INTO tickets (site, ticket_id, business_day, number, service_code, state, category, payer, priority, is_emergency, family_size,
                counter_id, issued_at, first_called_at, called_at, finished_at, transferred_from, transferred_to, last_sequence)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[],
                $11::integer[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::uuid[], $18::uuid[], $19::bigint[])
            ON CONFLICT (site, ticket_id) DO UPDATE SET
                business_day = EXCLUDED.business_day, number = EXCLUDED.number, service_code = EXCLUDED.service_code, state = EXCLUDED.state,
                category = EXCLUDED.category, payer = EXCLUDED.payer, priority = EXCLUDED.priority, is_emergency = EXCLUDED.is_emergency,
                family_size = EXCLUDED.family_size, counter_id = EXCLUDED.counter_id, issued_at = EXCLUDED.issued_at,
                first_called_at = coalesce(tickets.first_called_at, EXCLUDED.first_called_at), called_at = EXCLUDED.called_at,
                finished_at = EXCLUDED.finished_at, transferred_from = EXCLUDED.transferred_from, transferred_to = EXCLUDED.transferred_to,
                last_sequence = EXCLUDED.last_sequence
            WHERE EXCLUDED.last_sequence > tickets.last_sequence
            """,
            tickets.Select(x => x.Newest.Envelope.Site).ToArray(),
            t.Select(x => x.TicketId).ToArray(),
            t.Select(x => x.BusinessDay).ToArray(),
            t.Select(x => x.Number).ToArray(),
            t.Select(x => x.ServiceCode).ToArray(),
            t.Select(x => Word(x.State)).ToArray(),
            t.Select(x => Word(x.Category)).ToArray(),
            t.Select(x => Word(x.Payer)).ToArray(),
            t.Select(x => Word(x.Priority)).ToArray(),
            t.Select(x => x.IsEmergency).ToArray(),
            t.Select(x => x.FamilySize).ToArray(),
            t.Select(x => x.CounterId).ToArray(),
            t.Select(x => x.IssuedAt.ToUniversalTime()).ToArray(),
            tickets.Select(x => x.FirstCall?.ToUniversalTime()).ToArray(),
            t.Select(x => x.CalledAt?.ToUniversalTime()).ToArray(),
            t.Select(x => x.FinishedAt?.ToUniversalTime()).ToArray(),
            t.Select(x => x.TransferredFrom).ToArray(),
            t.Select(x => x.TransferredTo).ToArray(),
            tickets.Select(x => x.Newest.Envelope.Sequence).ToArray());
    }

    /// <summary>
    /// A kiosk's statuses of this batch in stream order: the last one wins; <c>since</c> is the first status of the last
    /// run with the same online/printer, or the stored one when nothing changed. A redelivered older status never wins.
    /// </summary>
    private static void AddStatus(NpgsqlBatch batch, List<IngestStatus> inOrder, DateTimeOffset received)
    {
        var last = inOrder[^1];
        var runStart = inOrder.Count - 1;
        while (runStart > 0 && SameCondition(inOrder[runStart - 1].Status, last.Status))
        {
            runStart--;
        }

        var changedInBatch = runStart > 0;
        var s = last.Status;
        Add(batch, """
            INSERT INTO kiosk_status (site, kiosk_id, online, printer, message, unprinted_tickets, at, heartbeat_seconds, since, received_at, stream_seq)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (site, kiosk_id) DO UPDATE SET
                online = EXCLUDED.online, printer = EXCLUDED.printer, message = EXCLUDED.message, unprinted_tickets = EXCLUDED.unprinted_tickets,
                at = EXCLUDED.at, heartbeat_seconds = EXCLUDED.heartbeat_seconds, received_at = EXCLUDED.received_at, stream_seq = EXCLUDED.stream_seq,
                since = CASE WHEN $12 OR kiosk_status.online <> EXCLUDED.online OR kiosk_status.printer <> EXCLUDED.printer
                    THEN EXCLUDED.since ELSE kiosk_status.since END
            WHERE EXCLUDED.stream_seq > kiosk_status.stream_seq
            """,
            last.Site, s.KioskId, s.Online, Word(s.Printer), s.Message, s.UnprintedTickets, s.At.ToUniversalTime(), (object?)s.HeartbeatSeconds ?? DBNull.Value,
            inOrder[runStart].Status.At.ToUniversalTime(), received, (long)last.StreamSequence, changedInBatch);
    }

    private static bool SameCondition(KioskStatus a, KioskStatus b) => a.Online == b.Online && a.Printer == b.Printer;

    /// <summary>The contract's spelling of an enum value ("ibu-hamil"), as the wire has it.</summary>
    private static string Word<T>(T value)
        where T : struct, Enum => ContractJson.Serialize(value).Trim('"');

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
        return command;
    }
}
