using System.Text.Json;
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
        h.Ok("L2", CounterCommandKind.CallNext);

        var snapshot = h.Engine.GetSnapshot();
        var json = JsonSerializer.Serialize(snapshot, QueueJson.Options);

        var a = snapshot.Services.Single(s => s.Code == "A");
        Assert.Equal(1, a.Waiting);
        Assert.Equal("A-002", a.LastNumber);
        Assert.Equal(0, snapshot.Services.Single(s => s.Code == "B").Waiting);
        Assert.Equal("B-001", snapshot.Services.Single(s => s.Code == "B").LastNumber);
        Assert.Null(snapshot.Services.Single(s => s.Code == "GIGI").LastNumber);
        Assert.Equal("A-001", snapshot.Counters.Single(c => c.Id == "L2").NowServing);
        Assert.Contains("\"businessDay\":\"2026-03-02\"", json, StringComparison.Ordinal);
        Assert.Contains("\"nowServing\":\"A-001\"", json, StringComparison.Ordinal);
        Assert.Contains("\"siteId\":\"pkm-test\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<QueueSnapshot>(json, QueueJson.Options), QueueJson.Options));
    }

    [Fact]
    public void Projection_started_late_catches_up_from_events_and_ignores_duplicates()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Ok("L1", CounterCommandKind.CallNext);
        h.Ok("L1", CounterCommandKind.Pause);
        var projection = new SnapshotProjection(h.Options);
        var events = h.Engine.ReadEvents(0, 100);

        foreach (var e in events.Concat(events))
        {
            projection.Apply(e);
        }

        Assert.Equal(JsonSerializer.Serialize(h.Engine.GetSnapshot(), QueueJson.Options), JsonSerializer.Serialize(projection.Build(), QueueJson.Options));
        Assert.True(projection.Build().Counters.Single(c => c.Id == "L1").Paused);
    }
}
