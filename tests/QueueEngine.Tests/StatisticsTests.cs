using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Statistics;

namespace Kiosk.Queue.Tests;

public class StatisticsTests
{
    /// <summary>
    /// A small day with known times: A-001 waits 2 min, served in 4; A-002 waits 10, served in 6 (over the 5 min SOP);
    /// B-001 (Umum, baru, family of 3, lansia) waits 20, transferred after 3; B-002 no-show; A-003 cancelled; A-004 left waiting.
    /// </summary>
    private static EngineHarness KnownDay()
    {
        var h = new EngineHarness();
        var start = h.Time.GetUtcNow();
        h.Issue();                                    // A-001 07:30
        h.Issue();                                    // A-002 07:30
        h.Engine.IssueTicket(new IssueRequest("B", PatientCategory.Baru, Payer.Umum, PriorityKind.Lansia, 3));
        h.Engine.MarkPrinted(h.Engine.FindTicket("B-001")!.Id);
        h.Issue("B");                                 // B-002
        h.Time.Advance(TimeSpan.FromMinutes(2));      // 07:32
        h.Ok("L1", CommandType.Call, c => c with { TicketNumber = "A-001" });
        h.Time.Advance(TimeSpan.FromMinutes(4));      // 07:36
        h.Ok("L1", CommandType.Serve);
        h.Time.Advance(TimeSpan.FromMinutes(4));      // 07:40
        h.Ok("L1", CommandType.Call, c => c with { TicketNumber = "A-002" });
        h.Time.Advance(TimeSpan.FromMinutes(6));      // 07:46
        h.Ok("L1", CommandType.Serve);
        h.Time.Advance(TimeSpan.FromMinutes(4));      // 07:50
        h.Ok("L3", CommandType.Call, c => c with { TicketNumber = "B-001" });
        h.Time.Advance(TimeSpan.FromMinutes(3));
        h.Ok("L3", CommandType.Transfer, c => c with { PoliCode = "UMUM" });
        h.Ok("L3", CommandType.Call, c => c with { TicketNumber = "B-002" });
        h.Ok("L3", CommandType.NoShow);
        h.Time.AdjustTime(start.AddHours(1));                 // 08:30
        h.Issue();
        h.Ok("L1", CommandType.Cancel, c => c with { TicketNumber = "A-003" });
        h.Issue();
        return h;
    }

    [Fact]
    public void A_recorded_recap_is_a_sequenced_outbox_event_that_changes_no_queue_state()
    {
        using var h = KnownDay();
        var before = h.Engine.GetSnapshot();

        var recap = h.Engine.RecordDailyRecap(h.Engine.BusinessDay);

        var outbox = h.Engine.ReadOutbox(1000);
        var recorded = outbox[^1];
        Assert.Equal(Kiosk.Contract.Events.EventTypes.DayRecap, recorded.Type);
        Assert.Equal(before.Sequence + 1, recorded.Sequence);
        Assert.Contains("\"issued\":6", recorded.Payload, StringComparison.Ordinal);
        Assert.Equal(6, recap.Issued);
        var after = h.Engine.GetSnapshot();
        Assert.Equal(Kiosk.Contract.Json.ContractJson.Serialize(before with { Sequence = 0 }), Kiosk.Contract.Json.ContractJson.Serialize(after with { Sequence = 0 }));
        Assert.Equal(recorded.Sequence, after.Sequence);
    }

    [Fact]
    public void Daily_recap_counts_outcomes_categories_payers_and_priorities()
    {
        using var h = KnownDay();

        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay);

        Assert.Equal(6, recap.Issued);
        Assert.Equal(8, recap.Visitors);
        Assert.Equal(2, recap.Served);
        Assert.Equal(1, recap.NoShow);
        Assert.Equal(1, recap.Transferred);
        Assert.Equal(1, recap.Cancelled);
        Assert.Equal(0, recap.Expired);
        Assert.Equal(0, recap.Emergency);
        Assert.Equal(1, recap.ByCategory.Single(c => c.Key == "Baru").Count);
        Assert.Equal(1, recap.ByPayer.Single(c => c.Key == "Umum").Count);
        Assert.Equal(1, recap.ByPriority.Single(c => c.Key == "Lansia").Count);
        Assert.Equal(7, recap.BusiestHour);
        var poli = recap.Services.Single(s => s.Code == "UMUM");
        Assert.True(poli.IsPoli);
        Assert.Equal(1, poli.Issued);
    }

    [Fact]
    public void Daily_recap_has_average_p90_and_share_within_sop_target()
    {
        using var h = KnownDay();

        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay);

        var a = recap.Services.Single(s => s.Code == "A");
        Assert.Equal(2, a.Times.ServiceSamples);
        Assert.Equal(TimeSpan.FromMinutes(5), a.Times.AverageService);
        Assert.Equal(TimeSpan.FromMinutes(6), a.Times.P90Service);
        Assert.Equal(0.5, a.Times.WithinTargetShare);
        Assert.Equal(TimeSpan.FromMinutes(6), a.Times.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(10), a.Times.P90Wait);
        // B-001 was transferred after 3 minutes at the loket, within its 10 minute SOP.
        Assert.Equal(1.0, recap.Services.Single(s => s.Code == "B").Times.WithinTargetShare);
        Assert.Equal(4, recap.Overall.WaitSamples);
        Assert.Equal(TimeSpan.FromMinutes(23), recap.Overall.P90Wait); // waits 2, 10, 20, 23 → nearest rank 4 of 4
        var seven = recap.Hours.Single(x => x.Hour == 7);
        Assert.Equal(4, seven.Issued);
        Assert.Equal(4, seven.Called);
        Assert.Equal(2, recap.Hours.Single(x => x.Hour == 8).Issued);
    }

    [Fact]
    public void Recap_csv_is_one_long_table()
    {
        using var h = KnownDay();
        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay);
        using var writer = new StringWriter();

        DailyRecapCsv.Write(recap, writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,metric,value", lines[0]);
        Assert.All(lines, l => Assert.Equal(4, l.Split(',').Length));
        Assert.Contains("total,2026-03-02,served,2", lines);
        Assert.Contains("service,A,p90_service_s,360", lines);
        Assert.Contains("service,A,within_target_share,0.5", lines);
        Assert.Contains("payer,Umum,issued,1", lines);
        Assert.Contains("poli,UMUM,name,Poli Umum", lines);
        Assert.Contains("hour,07,issued,4", lines);
    }

    [Fact]
    public void Empty_day_recap_has_no_times_and_no_busiest_hour()
    {
        using var h = new EngineHarness();

        var recap = h.Engine.GetDailyRecap(h.Engine.BusinessDay);

        Assert.Equal(0, recap.Issued);
        Assert.Null(recap.BusiestHour);
        Assert.Null(recap.Overall.AverageWait);
        Assert.Null(recap.Overall.WithinTargetShare);
    }

    [Theory]
    [InlineData(new[] { 1 }, 1)]
    [InlineData(new[] { 1, 2 }, 2)]
    [InlineData(new[] { 5, 1, 4, 2, 3, 6, 7, 8, 9, 10 }, 9)]
    [InlineData(new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110 }, 100)]
    public void P90_is_the_nearest_rank(int[] minutes, int expected)
    {
        Assert.Equal(TimeSpan.FromMinutes(expected), RecapBuilder.Percentile(minutes.Select(m => TimeSpan.FromMinutes(m)).ToList(), 0.9));
    }
}
