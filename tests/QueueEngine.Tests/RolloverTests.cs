using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Contract.Events;
using Kiosk.Queue.Results;

namespace Kiosk.Queue.Tests;

public class RolloverTests
{
    public static TheoryData<string, int> Zones => new()
    {
        { "Asia/Jakarta", 7 },   // WIB
        { "Asia/Makassar", 8 },  // WITA
        { "Asia/Jayapura", 9 },  // WIT
    };

    private static DateTimeOffset Local(int offsetHours, int day, int hour, int minute, int second = 0) =>
        new(2026, 3, day, hour, minute, second, TimeSpan.FromHours(offsetHours));

    [Theory]
    [MemberData(nameof(Zones))]
    public void Day_rolls_over_at_local_midnight_and_expires_waiting_tickets(string zone, int offset)
    {
        using var h = new EngineHarness(zone, Local(offset, 2, 23, 58));
        var waiting = h.Issue();
        h.Issue();
        h.Ok("L1", CommandType.CallNext);
        h.Time.AdjustTime(Local(offset, 2, 23, 59, 59));
        Assert.False(h.Engine.CloseDayIfDue(), "one second before local midnight is still the same day");
        Assert.Equal("A-003", h.Issue().Number);

        h.Time.AdjustTime(Local(offset, 3, 0, 0));
        var next = h.Issue();

        Assert.Equal("A-001", next.Number);
        Assert.Equal(new DateOnly(2026, 3, 3), next.BusinessDay);
        Assert.Equal(TimeSpan.FromHours(offset), next.IssuedAt.Offset);
        var yesterday = h.Engine.GetDailyRecap(new DateOnly(2026, 3, 2));
        Assert.Equal(3, yesterday.Expired);
        var snapshot = h.Engine.GetSnapshot();
        Assert.Equal(new DateOnly(2026, 3, 3), snapshot.BusinessDay);
        Assert.All(snapshot.Counters, c => Assert.Null(c.NowServing));
        var events = h.Engine.ReadEvents(0, 1000);
        Assert.Contains(events, e => e.Type == EventTypes.TicketExpired && e.Payload.Contains(waiting.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(events, e => e.Type == EventTypes.DayClosed);
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Machine_utc_date_does_not_decide_the_business_day(string zone, int offset)
    {
        // 00:30 local is still the previous day in UTC: the ticket belongs to the local day.
        using var h = new EngineHarness(zone, Local(offset, 3, 0, 30));

        var ticket = h.Issue();

        Assert.Equal(new DateOnly(2026, 3, 3), ticket.BusinessDay);
        Assert.Equal(new DateOnly(2026, 3, 2), DateOnly.FromDateTime(ticket.IssuedAt.UtcDateTime));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Clock_jumping_back_over_midnight_never_repeats_a_number(string zone, int offset)
    {
        using var h = new EngineHarness(zone, Local(offset, 2, 23, 50));
        h.Issue();
        h.Time.AdjustTime(Local(offset, 3, 0, 5));
        Assert.Equal("A-001", h.Issue().Number);
        Assert.Equal("A-002", h.Issue().Number);

        // NTP steps the clock back into yesterday: the business day stays, numbers continue.
        h.Time.AdjustTime(Local(offset, 2, 23, 40));
        var afterJump = h.Issue();
        Assert.Equal("A-003", afterJump.Number);
        Assert.Equal(new DateOnly(2026, 3, 3), afterJump.BusinessDay);

        // Restarting while the clock is still behind changes nothing either.
        h.Reopen();
        Assert.Equal("A-004", h.Issue().Number);

        // Back to the right time and on to the real next midnight.
        h.Time.AdjustTime(Local(offset, 4, 0, 1));
        Assert.Equal("A-001", h.Issue().Number);
        AssertNumbersUniquePerDay(h);
    }

    [Fact]
    public void A_clock_behind_the_business_day_is_logged_once_per_episode()
    {
        using var dir = new TempDir();
        var time = TestClock.At(TestSite.Morning);
        var logger = new CapturingLogger();
        using var engine = QueueEngine.Open(TestSite.Options(dir.Db), time, logger);
        time.Advance(TimeSpan.FromDays(1));
        engine.IssueTicket(TestSite.Request());
        time.AdjustTime(time.GetUtcNow().AddDays(-1));

        for (var i = 0; i < 3; i++)
        {
            engine.IssueTicket(TestSite.Request());
        }

        var warnings = logger.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Contains("Clock is behind", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Message.Contains("Business day 2026-03-03 opened", StringComparison.Ordinal));
    }

    [Fact]
    public void Clock_jumping_back_within_the_day_keeps_numbers_and_order()
    {
        using var h = new EngineHarness();
        var first = h.Issue();
        h.Time.AdjustTime(h.Time.GetUtcNow().AddHours(-2));
        var second = h.Issue();

        Assert.Equal("A-002", second.Number);
        Assert.True(second.IssuedAt < first.IssuedAt);
        Assert.Equal(first.Id, h.Ok("L1", CommandType.CallNext).Ticket!.Id);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, h.Ok("L1", CommandType.Serve).Ticket!.WaitTime);
    }

    [Fact]
    public void Closed_day_refuses_new_numbers_until_the_next_local_day()
    {
        using var h = new EngineHarness();
        h.Issue();

        var closed = h.Engine.CloseDay(h.Engine.BusinessDay);

        Assert.True(closed.Succeeded);
        Assert.Equal(1, closed.ExpiredTickets);
        var refused = h.Engine.IssueTicket(TestSite.Request());
        Assert.Equal(ErrorCode.DayClosed, refused.Error!.Code);
        Assert.True(h.Engine.GetSnapshot().DayClosed);
        Assert.False(h.Engine.CloseDay(h.Engine.BusinessDay.AddDays(1)).Succeeded);
        Assert.True(h.Engine.CloseDay(h.Engine.BusinessDay.AddDays(-1)).Succeeded, "earlier days are closed already");

        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal("A-001", h.Issue().Number);
    }

    [Fact]
    public void Opening_after_days_off_closes_the_old_day_once()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Engine.Dispose();
        h.Time.Advance(TimeSpan.FromDays(3));

        h.Reopen();

        Assert.Equal(DateOnly.FromDateTime(TestSite.Morning.DateTime).AddDays(3), h.Engine.BusinessDay);
        Assert.Equal(1, h.Engine.GetDailyRecap(DateOnly.FromDateTime(TestSite.Morning.DateTime)).Expired);
        Assert.Single(h.Engine.ReadEvents(0, 1000), e => e.Type == EventTypes.DayClosed);
    }

    internal static void AssertNumbersUniquePerDay(EngineHarness h)
    {
        using var writer = new StringWriter();
        h.Engine.ExportTickets(DateOnly.MinValue, DateOnly.MaxValue, writer);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var duplicates = rows.GroupBy(r => (Day: r[1], Number: r[2])).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }
}
