using System.Globalization;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Microsoft.Data.Sqlite;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

/// <summary>Retention over simulated months: the ticket log keeps RetentionDays days, archives the rest, and stops growing.</summary>
public sealed class RetentionRunTests
{
    private const int RetentionDays = 30;

    [Fact]
    public void Ninety_five_days_with_retention_after_each_close_keep_thirty_days_archive_the_rest_and_the_file_stops_growing()
    {
        using var h = new EngineHarness(tweak: o => o.RetentionDays = RetentionDays);
        // Page counts and retention do not depend on fsync; without it the 95 days take a second, not a minute.
        h.Engine.SetPragmaForTests("synchronous", 0);
        var first = h.Engine.BusinessDay;
        var pagesAt = new Dictionary<int, long>();
        var archived = new List<DateOnly>();
        for (var dayIndex = 0; dayIndex < 95; dayIndex++)
        {
            RunADay(h, dayIndex);
            h.Time.Advance(TimeSpan.FromDays(1));
            var report = h.Engine.ApplyRetention(maxDays: 5);
            Assert.Equal(0, report.DaysStillDue);
            archived.AddRange(report.DaysArchived);
            pagesAt[dayIndex + 1] = long.Parse(h.Engine.ReadPragma("page_count")!, CultureInfo.InvariantCulture);
        }

        var today = h.Engine.BusinessDay;
        Assert.Equal(first.AddDays(95), today);
        var cutoff = today.AddDays(-RetentionDays);

        // Only the last 30 days (and today) are in the database; every older day was archived exactly once.
        var keptDays = Days(h.Dir.Db);
        Assert.Equal(cutoff, keptDays.Min());
        Assert.Equal(Enumerable.Range(0, 95).Select(first.AddDays).Where(d => d < cutoff), archived);
        using (var export = new StringWriter())
        {
            Assert.Equal(0, h.Engine.ExportTickets(first, cutoff.AddDays(-1), export));
        }

        var archive = Path.Combine(h.Dir.Path, "archive");
        foreach (var day in archived)
        {
            var stamp = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var tickets = File.ReadAllText(Path.Combine(archive, $"pkm-test-tickets-{stamp}.csv"));
            Assert.Contains(",A-001,", tickets, StringComparison.Ordinal);
            Assert.DoesNotContain(NikOf(day.DayNumber - first.DayNumber), tickets, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(archive, $"pkm-test-rekap-{stamp}.csv")));
        }

        // Freed pages are reused: the file after 95 days is about the size it had once 30 days were kept (measured: 173
        // pages at day 35 and 40, 174 at day 95; 37 at day 5).
        Assert.True(pagesAt[95] <= pagesAt[40] * 1.1 + 4,
            $"page count grew from {pagesAt[40]} (day 40) to {pagesAt[95]} (day 95): " + string.Join(' ', pagesAt.Where(p => p.Key % 5 == 0).Select(p => $"{p.Key}:{p.Value}")));
        Assert.Equal(0, new FileInfo(h.Dir.Db + "-wal").Length);
        Assert.Equal(["ok"], h.Engine.IntegrityCheck());

        // Every day is closed: no day's full NIK is left in any byte of the files, kept days or deleted ones.
        var files = CardDataAtRestTests.FilesOf(h.Dir.Db);
        Assert.Empty(Enumerable.Range(0, 95).SelectMany(d => CardDataAtRestTests.Found(files, NikOf(d))));
    }

    [Fact]
    public void A_bounded_run_archives_the_oldest_days_first_and_says_how_many_are_still_due()
    {
        using var h = new EngineHarness(tweak: o => o.RetentionDays = 3);
        h.Engine.SetPragmaForTests("synchronous", 0);
        var first = h.Engine.BusinessDay;
        for (var dayIndex = 0; dayIndex < 10; dayIndex++)
        {
            RunADay(h, dayIndex);
            h.Time.Advance(TimeSpan.FromDays(1));
        }

        var run1 = h.Engine.ApplyRetention(maxDays: 4);
        var run2 = h.Engine.ApplyRetention(maxDays: 4);

        Assert.Equal(Enumerable.Range(0, 4).Select(first.AddDays), run1.DaysArchived);
        Assert.Equal(3, run1.DaysStillDue);
        Assert.Equal(Enumerable.Range(4, 3).Select(first.AddDays), run2.DaysArchived);
        Assert.Equal(0, run2.DaysStillDue);
        Assert.Empty(h.Engine.ApplyRetention(maxDays: 4).DaysArchived);
    }

    internal static string NikOf(int dayIndex) => "3171" + dayIndex.ToString("D6", CultureInfo.InvariantCulture) + "900001";

    /// <summary>A small day: five tickets with cards, four called and served by command, the outbox published.</summary>
    internal static void RunADay(EngineHarness h, int dayIndex)
    {
        h.Issue("A", card: new CardData(CardKind.Nik, NikOf(dayIndex)));
        h.Issue("B", card: new CardData(CardKind.Bpjs, "000" + dayIndex.ToString("D6", CultureInfo.InvariantCulture) + "7890"));
        h.Issue("A", card: new CardData(CardKind.MedicalRecord, "RM" + dayIndex.ToString("D8", CultureInfo.InvariantCulture)));
        h.Issue("B");
        h.Issue("A", PriorityKind.Lansia);
        for (var i = 0; i < 4; i++)
        {
            h.Ok("L1", CommandType.CallNext);
            h.Ok("L1", CommandType.Serve);
        }

        h.Engine.MarkPublished(long.MaxValue);
    }

    private static List<DateOnly> Days(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT day FROM tickets";
        using var reader = command.ExecuteReader();
        var days = new List<DateOnly>();
        while (reader.Read())
        {
            days.Add(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return days;
    }
}
