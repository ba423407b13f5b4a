using System.Text;
using Kiosk.Contract;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Status;
using Kiosk.District.Ingest;
using Kiosk.District.Local;
using Kiosk.District.Storage;
using Npgsql;
using static Kiosk.District.Tests.Ingest.IngestWorld;

namespace Kiosk.District.Tests.Ingest;

/// <summary>The writer on its own against a private PostgreSQL: batches as the service hands them over, no cluster.</summary>
public sealed class IngestWriterTests
{
    private ulong stream;

    [SkippableFact]
    public async Task A_batch_with_repeats_inside_it_and_of_stored_rows_mixed_with_rejected_messages_writes_each_event_once()
    {
        Skip.If(PrivatePostgres.FindBinaries() is null, "PostgreSQL is not installed (./kiosk.sh test installs it).");
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("ingest_writer_repeats"));
        await DistrictMigrations.MigrateAsync(database, CancellationToken.None);

        var ticket = Guid.NewGuid();
        var calledAt = Morning.AddMinutes(10);
        var recalledAt = Morning.AddMinutes(12);
        var opened = Event("pkm-a", 1, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0));
        var issued = Event("pkm-a", 2, EventTypes.TicketIssued, Ticket(ticket, 1, TicketState.Waiting));
        var called = Event("pkm-a", 3, EventTypes.TicketCalled, Ticket(ticket, 1, TicketState.Called, calledAt));
        var first = new List<IngestItem> { Read(opened), Read(issued), Read(called) };
        Assert.Equal(["pkm-a"], await IngestWriter.WriteAsync(database, first, Morning, CancellationToken.None));

        // A stored event again under a new event id (a site's resend after the stream's duplicate window), the same
        // sequence twice inside the batch with different ids, a message that is not the contract, another site's events.
        var recalled = Event("pkm-a", 4, EventTypes.TicketRecalled, Ticket(ticket, 1, TicketState.Called, recalledAt));
        var recalledAgain = recalled with { EventId = Guid.NewGuid() };
        var served = Event("pkm-a", 5, EventTypes.TicketServed, Ticket(ticket, 1, TicketState.Served, recalledAt, Morning.AddMinutes(20)));
        var second = new List<IngestItem>
        {
            Read(called with { EventId = Guid.NewGuid() }),
            Read(recalled),
            Read(recalledAgain),
            IngestReader.Read(DistrictSubjects.Events("pkm-a"), Encoding.UTF8.GetBytes("{bukan json"), ++stream, 256 * 1024),
            Read(served),
            Read(Event("pkm-b", 1, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0))),
            Read(served with { EventId = Guid.NewGuid() }),
            IngestReader.Read(DistrictSubjects.Status("pkm-b", "kiosk-1"), ContractJson.SerializeToUtf8Bytes(Status("kiosk-1", true, PrinterCondition.PaperOut, Morning)), ++stream, 256 * 1024),
        };
        Assert.IsType<IngestRejected>(second[3]);
        Assert.Equal(["pkm-a", "pkm-b"], (await IngestWriter.WriteAsync(database, second, Morning, CancellationToken.None)).Order(StringComparer.Ordinal));

        // The whole batch redelivered (a crash between the commit and the acknowledgement): nothing changes.
        var before = await TableDumpAsync(database);
        Assert.Equal(["pkm-b"], await IngestWriter.WriteAsync(database, second, Morning.AddMinutes(30), CancellationToken.None));
        Assert.Equal(before, await TableDumpAsync(database));

        Assert.Equal(5, await ScalarAsync(database, "SELECT count(*) FROM events WHERE site = 'pkm-a'"));
        Assert.Equal(1, await ScalarAsync(database, "SELECT count(*) FROM events WHERE site = 'pkm-b'"));
        Assert.Equal(1, await ScalarAsync(database, $"SELECT count(*) FROM events WHERE sequence = 3 AND event_id = '{called.EventId}'"));
        Assert.Equal(1, await ScalarAsync(database, $"SELECT count(*) FROM events WHERE sequence = 4 AND event_id = '{recalled.EventId}'"));
        // The first of each sequence is kept, and the log's id order is the sequence order.
        Assert.Equal(0, await ScalarAsync(database, """
            SELECT count(*) FROM (SELECT sequence, lag(sequence) OVER (PARTITION BY site ORDER BY id) AS before FROM events) s
            WHERE before IS NOT NULL AND sequence <> before + 1
            """));
        Assert.Equal(1, await ScalarAsync(database, $"""
            SELECT count(*) FROM tickets WHERE ticket_id = '{ticket}' AND state = 'served' AND last_sequence = 5
                AND first_called_at = '{calledAt.UtcDateTime:O}' AND called_at = '{recalledAt.UtcDateTime:O}'
            """));
        Assert.Equal(1, await ScalarAsync(database, $"SELECT count(*) FROM rejected WHERE site = 'pkm-a' AND reason = '{((IngestRejected)second[3]).Reason}' AND payload = '{{bukan json'::bytea"));
        Assert.Equal(1, await ScalarAsync(database, "SELECT count(*) FROM kiosk_status WHERE site = 'pkm-b' AND printer = 'paper-out'"));
        Assert.Equal(2, await ScalarAsync(database, "SELECT count(*) FROM sites"));
    }

    private IngestItem Read(EventEnvelope envelope) =>
        IngestReader.Read(DistrictSubjects.Events(envelope.Site), ContractJson.SerializeToUtf8Bytes(envelope), ++stream, 256 * 1024);

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row the ingest writes, as text, except when it was received (a redelivery is received again).</summary>
    private static async Task<string> TableDumpAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("""
            SELECT concat_ws(E'\n',
                (SELECT string_agg(concat_ws('|', id, site, sequence, event_id, type, data::text, stream_seq, received_at), E'\n' ORDER BY id) FROM events),
                (SELECT string_agg(t::text, E'\n' ORDER BY site, ticket_id) FROM tickets t),
                (SELECT string_agg(concat_ws('|', site, kiosk_id, online, printer, since, stream_seq), E'\n' ORDER BY site) FROM kiosk_status),
                (SELECT string_agg(concat_ws('|', id, reason, stream_seq), E'\n' ORDER BY id) FROM rejected))
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
