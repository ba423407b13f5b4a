using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Microsoft.Data.Sqlite;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

public class StorageTests
{
    [Fact]
    public void Ticket_log_runs_wal_with_full_sync_foreign_keys_and_a_busy_timeout()
    {
        using var h = new EngineHarness();

        Assert.Equal("wal", h.Engine.ReadPragma("journal_mode"));
        Assert.Equal("2", h.Engine.ReadPragma("synchronous")); // FULL
        Assert.Equal("1", h.Engine.ReadPragma("foreign_keys"));
        Assert.Equal("5000", h.Engine.ReadPragma("busy_timeout"));
        Assert.Equal(Migrations.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Engine.ReadPragma("user_version"));
        Assert.Equal(["ok"], h.Engine.IntegrityCheck());
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_the_file_to_restore()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Db, "this is a photo, not a ticket log. ".PadRight(8192, 'x'));

        var error = Assert.Throws<QueueDatabaseException>(() => QueueEngine.Open(TestSite.Options(dir.Db), TimeProvider.System, null));

        Assert.Equal(dir.Db, error.DatabasePath);
        Assert.Contains($"pulihkan {dir.Db}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_page_is_caught_by_quick_check_at_start()
    {
        using var dir = new TempDir();
        var options = TestSite.Options(dir.Db);
        using (var engine = QueueEngine.Open(options, TestClock.At(TestSite.Morning), null))
        {
            for (var i = 0; i < 200; i++)
            {
                engine.IssueTicket(TestSite.Request(i % 2 == 0 ? "A" : "B"));
            }
        }

        // Closing the last connection checkpointed the WAL into the main file; now smash every page after the schema.
        var bytes = File.ReadAllBytes(dir.Db);
        const int pageSize = 4096;
        Assert.True(bytes.Length > 4 * pageSize);
        for (var page = 2; page < bytes.Length / pageSize; page++)
        {
            Array.Fill(bytes, (byte)0xA5, page * pageSize, 64);
        }

        File.WriteAllBytes(dir.Db, bytes);

        var error = Assert.Throws<QueueDatabaseException>(() => QueueEngine.Open(options, TimeProvider.System, null));

        Assert.Contains("Kiosk tidak dijalankan", error.Message, StringComparison.Ordinal);
        Assert.Contains(dir.Db, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_from_a_newer_version_is_refused()
    {
        using var dir = new TempDir();
        QueueEngine.Open(TestSite.Options(dir.Db), TestClock.At(TestSite.Morning), null).Dispose();
        using (var connection = new SqliteConnection($"Data Source={dir.Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<QueueDatabaseException>(() => QueueEngine.Open(TestSite.Options(dir.Db), TimeProvider.System, null));

        Assert.Contains("skema versi 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_state_change_writes_gap_free_outbox_events_with_v7_ids()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue("B", PriorityKind.Disabilitas);
        h.Ok("L1", CommandType.CallNext);
        h.Ok("L1", CommandType.Recall);
        h.Ok("L1", CommandType.Transfer, c => c with { PoliCode = "KIA" });
        h.Ok("L3", CommandType.Pause);

        var events = h.Engine.ReadEvents(0, 1000);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(7, e.EventId.Version));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(
            [EventTypes.DayOpened, EventTypes.TicketIssued, EventTypes.TicketPrinted, EventTypes.TicketIssued, EventTypes.TicketPrinted,
             EventTypes.TicketCalled, EventTypes.TicketRecalled, EventTypes.TicketIssued, EventTypes.TicketTransferred, EventTypes.CounterPaused],
            events.Select(e => e.Type));
        Assert.Equal(events[^1].Sequence, h.Engine.GetSnapshot().Sequence);
    }

    [Fact]
    public void Card_data_reaches_the_counter_reply_but_never_the_outbox()
    {
        using var h = new EngineHarness();
        var card = new CardData(CardKind.Nik, "3171234567890001");
        var issued = h.Issue("A", card: card);

        var call = h.Ok("L1", CommandType.CallNext);
        h.Ok("L1", CommandType.Transfer, c => c with { PoliCode = "GIGI" });

        Assert.Equal(card, issued.CardData);
        Assert.Equal(card, call.Ticket!.CardData);
        var events = h.Engine.ReadEvents(0, 1000);
        Assert.All(events, e => Assert.DoesNotContain("3171234567890001", e.Payload, StringComparison.Ordinal));
        Assert.Contains(events, e => e.Payload.Contains("\"hasCardData\":true", StringComparison.Ordinal));
        using var export = new StringWriter();
        h.Engine.ExportTickets(h.Engine.BusinessDay, h.Engine.BusinessDay, export);
        Assert.DoesNotContain("3171234567890001", export.ToString(), StringComparison.Ordinal);
        Assert.Contains("************0001", export.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Publishing_marks_events_and_read_outbox_returns_only_unpublished_in_order()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();
        var all = h.Engine.ReadOutbox(100);

        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.Equal(3, h.Engine.MarkPublished(all[2].Sequence));
        Assert.True(h.Engine.MarkPublished(all[4].EventId));
        Assert.False(h.Engine.MarkPublished(all[4].EventId));

        var rest = h.Engine.ReadOutbox(100);

        Assert.Equal([all[3].Sequence], rest.Select(e => e.Sequence));
        Assert.Equal(2, h.Engine.ReadOutbox(2).Count + h.Engine.ReadOutbox(1).Count);
    }

    /// <summary>
    /// The mark is committed without its own fsync (a lost mark only repeats an event), and only the mark: every
    /// ticket and command after it is committed with synchronous = FULL again, and a reopened log keeps the mark.
    /// </summary>
    [Fact]
    public void Marking_published_leaves_every_later_commit_fully_synced_and_the_mark_survives_a_reopen()
    {
        using var h = new EngineHarness();
        Assert.Equal(2, h.Engine.SynchronousMode);
        h.Issue();
        var all = h.Engine.ReadOutbox(100);
        Assert.Equal(all.Count, h.Engine.MarkPublished(all[^1].Sequence));
        Assert.Equal(2, h.Engine.SynchronousMode);
        Assert.True(h.Engine.MarkPublished(Guid.NewGuid()) is false);
        Assert.Equal(2, h.Engine.SynchronousMode);
        h.Issue();
        var later = h.Engine.ReadOutbox(100);
        Assert.DoesNotContain(later, e => all.Any(a => a.EventId == e.EventId));
        Assert.NotEmpty(later);

        h.Reopen();
        Assert.Equal(later.Select(e => e.EventId), h.Engine.ReadOutbox(100).Select(e => e.EventId));
        Assert.Equal(2, h.Engine.SynchronousMode);
    }

    [Fact]
    public void Retention_exports_old_days_to_csv_then_deletes_them_and_never_reuses_a_sequence()
    {
        using var h = new EngineHarness(tweak: o => o.RetentionDays = 2);
        var oldDay = h.Engine.BusinessDay;
        h.Issue();
        h.Ok("L1", CommandType.CallNext);
        h.Ok("L1", CommandType.Serve);
        h.Issue("B");
        h.Engine.MarkPublished(long.MaxValue);
        h.Time.Advance(TimeSpan.FromDays(4));
        h.Issue();
        var sequenceBefore = h.Engine.GetSnapshot().Sequence;

        var report = h.Engine.ApplyRetention();

        Assert.Equal([oldDay], report.DaysArchived);
        Assert.Equal(2, report.TicketsDeleted);
        var ticketCsv = File.ReadAllText(report.Files.Single(f => f.Contains("-tickets-", StringComparison.Ordinal)));
        Assert.Contains("A-001", ticketCsv, StringComparison.Ordinal);
        Assert.Contains("B-001", ticketCsv, StringComparison.Ordinal);
        var recapCsv = File.ReadAllText(report.Files.Single(f => f.Contains("-rekap-", StringComparison.Ordinal)));
        Assert.Contains("total,2026-03-02,served,1", recapCsv, StringComparison.Ordinal);
        using (var export = new StringWriter())
        {
            Assert.Equal(0, h.Engine.ExportTickets(oldDay, oldDay, export));
        }

        Assert.Empty(h.Engine.ApplyRetention().DaysArchived);
        h.Reopen();
        h.Issue();
        var events = h.Engine.ReadEvents(sequenceBefore, 100);
        Assert.Equal(sequenceBefore + 1, events[0].Sequence);
    }
}

public class ConcurrencyTests
{
    [Fact]
    public async Task Kiosk_and_four_counters_at_once_never_share_a_number_or_a_ticket()
    {
        using var h = new EngineHarness();
        var engine = h.Engine;
        var kiosk = Task.Run(() => Enumerable.Range(0, 40).Select(i =>
        {
            var issued = engine.IssueTicket(TestSite.Request(i % 2 == 0 ? "A" : "B"));
            engine.MarkPrinted(issued.Ticket!.Id);
            return issued.Ticket.Number;
        }).ToList());
        var counters = new[] { "L1", "L2", "L3" }.Select(id => Task.Run(() =>
        {
            var called = new List<Guid>();
            for (var i = 0; i < 30; i++)
            {
                var call = engine.Execute(new CounterCommand($"{id}-call-{i}", id, CommandType.CallNext));
                if (call.Succeeded)
                {
                    called.Add(call.Ticket!.Id);
                    Assert.True(engine.Execute(new CounterCommand($"{id}-done-{i}", id, CommandType.Serve)).Succeeded);
                }
            }

            return called;
        })).ToList();
        var outbox = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                var batch = engine.ReadOutbox(10);
                if (batch.Count > 0)
                {
                    engine.MarkPublished(batch[^1].Sequence);
                }
            }
        });

        var numbers = await kiosk;
        var calledLists = await Task.WhenAll(counters);
        await outbox;

        Assert.Equal(40, numbers.Distinct().Count());
        var called = calledLists.SelectMany(c => c).ToList();
        Assert.Equal(called.Count, called.Distinct().Count());
        var events = engine.ReadEvents(0, 10_000);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
    }
}

public class DiskFullTests
{
    [Fact]
    public void A_full_disk_fails_the_operation_clearly_and_loses_or_repeats_nothing()
    {
        using var h = new EngineHarness();
        h.Issue();
        var pages = long.Parse(h.Engine.ReadPragma("page_count")!, System.Globalization.CultureInfo.InvariantCulture);
        h.Engine.SetPragmaForTests("max_page_count", pages);

        QueueDatabaseExceptionHolder? failure = null;
        var issued = 1;
        for (var i = 0; i < 5000 && failure is null; i++)
        {
            try
            {
                Assert.True(h.Engine.IssueTicket(TestSite.Request()).Succeeded);
                issued++;
            }
            catch (Storage.QueueDatabaseException ex)
            {
                failure = new QueueDatabaseExceptionHolder(ex);
            }
        }

        Assert.NotNull(failure);
        Assert.Contains("disk penuh, kode SQLite 13", failure.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("tidak ada bagian operasi ini yang tersimpan", failure.Exception.Message, StringComparison.Ordinal);
        var snapshot = ContractJson.Serialize(h.Engine.GetSnapshot());
        h.Engine.SetPragmaForTests("max_page_count", 1_000_000);
        h.Reopen();
        Assert.Equal(snapshot, ContractJson.Serialize(h.Engine.GetSnapshot()));
        Assert.Equal($"A-{issued + 1:D3}", h.Issue().Number);
    }

    private sealed record QueueDatabaseExceptionHolder(Storage.QueueDatabaseException Exception);
}
