using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Queue.Results;
using Kiosk.Queue.Snapshot;

namespace Kiosk.Queue.Tests;

public class SnapshotTests
{
    [Fact]
    public void Snapshot_shows_waiting_counts_last_numbers_and_now_serving_in_camel_case_json()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();
        h.Engine.IssueTicket(TestSite.Request("B")); // not printed: counted as issued, not as waiting
        h.Ok("L2", CommandType.CallNext);

        var snapshot = h.Engine.GetSnapshot();
        var json = ContractJson.Serialize(snapshot);

        var a = snapshot.Services.Single(s => s.ServiceCode == "A");
        Assert.Equal(1, a.WaitingCount);
        Assert.Equal("A-002", a.LastNumber);
        Assert.Equal(0, snapshot.Services.Single(s => s.ServiceCode == "B").WaitingCount);
        Assert.Equal("B-001", snapshot.Services.Single(s => s.ServiceCode == "B").LastNumber);
        Assert.Null(snapshot.Services.Single(s => s.ServiceCode == "GIGI").LastNumber);
        Assert.Equal("A-001", snapshot.Counters.Single(c => c.CounterId == "L2").NowServing?.Number);
        Assert.Contains("\"businessDay\":\"2026-03-02\"", json, StringComparison.Ordinal);
        Assert.Contains("\"number\":\"A-001\"", json, StringComparison.Ordinal);
        Assert.Contains("\"site\":\"pkm-test\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ContractJson.Serialize(ContractJson.Deserialize<StateSnapshot>(json)));
    }

    [Fact]
    public void Projection_started_late_catches_up_from_events_and_ignores_duplicates()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Ok("L1", CommandType.CallNext);
        h.Ok("L1", CommandType.Pause);
        var projection = new SnapshotProjection(h.Options);
        var events = h.Engine.ReadEvents(0, 100);

        foreach (var e in events.Concat(events))
        {
            projection.Apply(e);
        }

        Assert.Equal(ContractJson.Serialize(h.Engine.GetSnapshot()), ContractJson.Serialize(projection.Build()));
        Assert.True(projection.Build().Counters.Single(c => c.CounterId == "L1").Paused);
    }
}
