using System.Globalization;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Device.Configuration;
using Kiosk.Device.DayClose;
using Kiosk.Device.Health;
using Kiosk.Device.Publishing;
using Kiosk.Queue;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Device.Tests.Units;

/// <summary>The kiosk runs retention itself: after every day close, and at start for a kiosk that was off at the close.</summary>
public sealed class DayCloseRetentionTests : IDisposable
{
    private const int RetentionDays = 30;
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-retention-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.FromHours(7)));
    private readonly QueueEngine engine;

    public DayCloseRetentionTests()
    {
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        var options = new QueueEngineOptions
        {
            DatabasePath = Path.Combine(folder, "kiosk.db"),
            SiteId = "pkm-kokop",
            TimeZoneId = "Asia/Jakarta",
            RetentionDays = RetentionDays,
            RetentionExportDirectory = Path.Combine(folder, "arsip"),
        };
        options.Services.Add(new ServiceOptions { Code = "A", Prefix = "A", Name = "Pendaftaran BPJS" });
        var counter = new CounterOptions { Id = "L1", Name = "Loket 1" };
        counter.Services.Add("A");
        options.Counters.Add(counter);
        engine = QueueEngine.Open(options, time, null);
    }

    [Fact]
    public async Task Over_ninety_five_days_each_midnight_close_archives_the_day_that_left_the_retention()
    {
        var service = NewService();
        var first = engine.BusinessDay;
        Assert.Null(await service.CheckAsync(CancellationToken.None));
        for (var day = 0; day < 95; day++)
        {
            RunADay(day);
            time.Advance(TimeSpan.FromDays(1));

            var closed = await service.CheckAsync(CancellationToken.None);

            Assert.Equal(first.AddDays(day), closed);
        }

        var today = engine.BusinessDay;
        var cutoff = today.AddDays(-RetentionDays);
        using (var kept = new StringWriter())
        {
            Assert.Equal(0, engine.ExportTickets(first, cutoff.AddDays(-1), kept));
            Assert.Equal(RetentionDays * 2, engine.ExportTickets(cutoff, today, kept));
        }

        for (var day = first; day < cutoff; day = day.AddDays(1))
        {
            Assert.True(File.Exists(ArchiveFile("tickets", day)), $"archive of {day:yyyy-MM-dd}");
            Assert.True(File.Exists(ArchiveFile("rekap", day)), $"recap archive of {day:yyyy-MM-dd}");
        }

        Assert.False(File.Exists(ArchiveFile("tickets", cutoff)));
        Assert.Null(service.ApplyRetentionIfDue());
    }

    [Fact]
    public async Task A_kiosk_that_was_off_for_a_year_catches_up_a_few_days_per_check_from_its_start()
    {
        var first = engine.BusinessDay;
        for (var day = 0; day < 42; day++)
        {
            RunADay(day);
            time.Advance(TimeSpan.FromDays(1));
            engine.CloseDayIfDue();
        }

        time.Advance(TimeSpan.FromDays(365));
        var service = NewService();

        // The first check at start closes the last open day, then archives at most RetentionDaysPerRun days; every
        // later check (every 20 s) goes on while older days are left.
        Assert.Equal(first.AddDays(42), await service.CheckAsync(CancellationToken.None));
        var runs = new List<RetentionReport> { service.LastRetention! };
        for (var check = 0; check < 20 && runs[^1].DaysStillDue > 0; check++)
        {
            Assert.Null(await service.CheckAsync(CancellationToken.None));
            runs.Add(service.LastRetention!);
        }

        Assert.All(runs, run => Assert.InRange(run.DaysArchived.Count, 1, DayCloseService.RetentionDaysPerRun));
        Assert.Equal(Enumerable.Range(0, 43).Select(first.AddDays), runs.SelectMany(r => r.DaysArchived));
        Assert.Equal(0, runs[^1].DaysStillDue);
        Assert.Null(service.ApplyRetentionIfDue());
    }

    private DayCloseService NewService() => new(engine, new OutboxSignal(), new LoopHeartbeats(time),
        Microsoft.Extensions.Options.Options.Create(new KioskOptions { DataDirectory = folder, Site = new SiteOptions { Id = "pkm-kokop", Name = "UPTD Puskesmas Kokop" } }),
        time, NullLogger<DayCloseService>.Instance);

    private string ArchiveFile(string kind, DateOnly day) =>
        Path.Combine(folder, "arsip", $"pkm-kokop-{kind}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv");

    private void RunADay(int day)
    {
        for (var i = 0; i < 2; i++)
        {
            var issued = engine.IssueTicket(new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs, PriorityKind.None, 1,
                new CardData(CardKind.Nik, "3171" + day.ToString("D6", CultureInfo.InvariantCulture) + "90000" + i), TicketSource.Scan));
            Assert.True(issued.Succeeded, issued.Error?.ToString());
            Assert.True(engine.MarkPrinted(issued.Ticket.Id).Succeeded);
        }

        Assert.True(engine.Execute(new CounterCommand($"call-{day}", "L1", CommandType.CallNext)).Succeeded);
        Assert.True(engine.Execute(new CounterCommand($"done-{day}", "L1", CommandType.Serve)).Succeeded);
        engine.MarkPublished(long.MaxValue);
    }

    public void Dispose()
    {
        engine.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
