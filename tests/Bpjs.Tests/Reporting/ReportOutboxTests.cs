using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Text;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Reporting;

public sealed class ReportOutboxTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bpjs-outbox-").FullName;
    private readonly FakeTimeProvider time = new(TicketScript.Morning);
    private readonly ReportOutbox outbox;

    public ReportOutboxTests()
    {
        outbox = ReportOutbox.Open(Path.Combine(folder, "outbox.db"), time);
    }

    public void Dispose()
    {
        outbox.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static PlannedReport Report(Guid ticket, ReportKind kind, string number = "B-001", int minutes = 0) =>
        new(Guid.NewGuid(), ticket, number, kind, "{}", TicketScript.Morning.AddMinutes(minutes));

    [Fact]
    public void The_file_is_WAL_with_every_commit_synchronous_FULL()
    {
        Assert.Equal("wal", outbox.Pragma("journal_mode"));
        Assert.Equal("2", outbox.Pragma("synchronous"));
    }

    [Fact]
    public void The_same_event_again_adds_nothing_also_after_a_reopen()
    {
        var tambah = Report(Guid.NewGuid(), ReportKind.Tambah);
        Assert.Equal(AddResult.Added, outbox.Add(tambah));
        Assert.Equal(AddResult.AlreadyStored, outbox.Add(tambah));

        using var reopened = ReportOutbox.Open(outbox.Path, time);
        Assert.Equal(AddResult.AlreadyStored, reopened.Add(tambah));
        Assert.Single(reopened.All());
    }

    [Fact]
    public void A_panggil_for_a_ticket_never_added_is_not_stored()
    {
        Assert.Equal(AddResult.NoTambah, outbox.Add(Report(Guid.NewGuid(), ReportKind.Panggil)));
        Assert.Empty(outbox.All());
    }

    [Fact]
    public void A_ticket_s_later_report_waits_while_an_earlier_is_pending_and_other_tickets_do_not()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        outbox.Add(Report(first, ReportKind.Tambah, "B-001"));
        outbox.Add(Report(first, ReportKind.Panggil, "B-001"));
        outbox.Add(Report(second, ReportKind.Tambah, "B-002"));

        var due = outbox.Due(10);
        Assert.Equal([(first, ReportKind.Tambah), (second, ReportKind.Tambah)], due.Select(r => (r.TicketId, r.Kind)));

        // The first ticket's add is put off; the second ticket's panggil is not held behind it.
        outbox.MarkRetry(due[0].Id, "tidak ada jawaban", time.GetUtcNow().AddMinutes(1));
        outbox.MarkDone(due[1].Id, ReportState.Delivered);
        outbox.Add(Report(second, ReportKind.Panggil, "B-002"));
        Assert.Equal([(second, ReportKind.Panggil)], outbox.Due(10).Select(r => (r.TicketId, r.Kind)));
        Assert.Equal(time.GetUtcNow(), outbox.NextDueAt());

        time.Advance(TimeSpan.FromMinutes(1));
        var tambah = Assert.Single(outbox.Due(10), r => r.TicketId == first);
        Assert.Equal(ReportKind.Tambah, tambah.Kind);
        Assert.Equal(1, tambah.Attempts);
        Assert.Equal("tidak ada jawaban", tambah.LastError);
        outbox.MarkDone(tambah.Id, ReportState.AlreadyDone);
        Assert.Contains(outbox.Due(10), r => r.TicketId == first && r.Kind == ReportKind.Panggil);
    }

    [Fact]
    public void A_refused_add_stops_the_ticket_s_reports_with_its_reason_and_later_ones_stop_at_once()
    {
        var ticket = Guid.NewGuid();
        var other = Guid.NewGuid();
        outbox.Add(Report(ticket, ReportKind.Tambah, "B-007"));
        outbox.Add(Report(ticket, ReportKind.Panggil, "B-007"));
        outbox.Add(Report(other, ReportKind.Tambah, "B-008"));

        outbox.Refuse(outbox.Due(10).Single(r => r.TicketId == ticket).Id, "Nomor kartu tidak valid");
        Assert.Equal(AddResult.StoppedByRefusal, outbox.Add(Report(ticket, ReportKind.Batal, "B-007")));

        Assert.All(outbox.All().Where(r => r.TicketId == ticket), r =>
        {
            Assert.Equal(ReportState.Refused, r.State);
            Assert.Equal("Nomor kartu tidak valid", r.LastError);
        });
        Assert.Equal([other], outbox.Due(10).Select(r => r.TicketId));
        var refused = Assert.Single(outbox.RefusedTickets());
        Assert.Equal(ReportKind.Tambah, refused.FirstRefused);
        Assert.Equal("B-007: Laporan BPJS ditolak: Nomor kartu tidak valid", refused.Text);
    }

    [Fact]
    public void The_backlog_counts_what_waits_since_the_oldest_event_in_the_site_s_time()
    {
        Assert.Null(outbox.Backlog().Text);
        var done = Guid.NewGuid();
        outbox.Add(Report(done, ReportKind.Tambah, "B-001", minutes: -10));
        outbox.MarkDone(outbox.Due(1)[0].Id, ReportState.Delivered);
        for (var i = 0; i < 12; i++)
        {
            outbox.Add(Report(Guid.NewGuid(), ReportKind.Tambah, $"B-{i + 2:000}", minutes: i - 1));
        }

        var backlog = outbox.Backlog();

        Assert.Equal(12, backlog.Count);
        Assert.Equal("12 laporan BPJS menunggu koneksi sejak 08.14", backlog.Text);
    }

    [Fact]
    public void The_retry_wait_doubles_with_jitter_up_to_its_cap()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), new Random(7));

        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var full = Math.Min(5 * Math.Pow(2, attempt - 1), 300);
            var wait = schedule.After(attempt).TotalSeconds;
            Assert.InRange(wait, full / 2, full);
        }
    }

    [Fact]
    public void The_text_the_officer_reads_is_Indonesian()
    {
        Assert.Equal("12 laporan BPJS menunggu koneksi sejak 08.14", BpjsTeks.Backlog(12, new DateTimeOffset(2026, 3, 2, 8, 14, 59, TimeSpan.FromHours(7))));
        Assert.StartsWith("A-001: Laporan BPJS ditolak: ", BpjsTeks.Refused("A-001", "x"), StringComparison.Ordinal);
    }
}
