using System.Diagnostics;
using Kiosk.District.Local;

namespace Kiosk.District.Bench;

/// <summary>
/// The service's ingest capacity on its own: the sites' events are already in the stream (published before the service
/// exists, as the links would have through the day), node <see cref="KilledNode"/> is SIGKILLed, then a district service
/// starts on its own PostgreSQL and the clock runs from its start until every row is in <c>events</c>. No publisher
/// competes for the cores while it drains. Afterwards the service stops, the node comes back and catches up, so the
/// runs after this one start from the same three healthy nodes (the durable consumer has acknowledged all of it).
/// </summary>
internal static class Drain
{
    public const int KilledNode = 2;
    private static readonly TimeSpan CatchUpBound = TimeSpan.FromMinutes(5);

    public static async Task<DrainResult> RunAsync(PrivateNatsCluster nats, RecordedDay day, IReadOnlyList<string> sites, string prefix, TimeSpan bound)
    {
        var published = await Replay.RunAsync(nats, day, sites, CancellationToken.None);
        var expected = published.Events;

        nats.Kill(KilledNode);
        var clock = Stopwatch.StartNew();
        TimeSpan drained;
        await using (var district = await DistrictUnderTest.StartAsync(nats))
        {
            long rows;
            while ((rows = await district.RowsAsync(prefix, CancellationToken.None)) < expected)
            {
                BenchRun.Require(clock.Elapsed < bound, $"drain: {rows} of {expected} rows in PostgreSQL after {bound.TotalMinutes:0} minutes");
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            drained = clock.Elapsed;
            BenchRun.Require(rows == expected, $"drain: {rows} rows for {expected} events (an event stored twice)");
        }

        await nats.RestartAsync(KilledNode);
        await CaughtUpAsync(nats);
        return new DrainResult(expected, published.EventsPerSecond, drained.TotalSeconds, expected / drained.TotalSeconds);
    }

    /// <summary>Until the restarted node holds as many messages as node 0, so its catching up does not load the next run.</summary>
    private static async Task CaughtUpAsync(PrivateNatsCluster nats)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var reference = await nats.StoredOnNodeAsync(0);
            var restarted = await nats.StoredOnNodeAsync(KilledNode);
            if (restarted >= reference)
            {
                return;
            }

            BenchRun.Require(deadline.Elapsed < CatchUpBound, $"node {KilledNode} holds {restarted} of {reference} messages {CatchUpBound.TotalMinutes:0} minutes after its restart");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}

/// <param name="Events">Events drained (rows in <c>events</c>).</param>
/// <param name="PublishRate">The sites' publish into the stream beforehand (events/s, all nodes up, no service).</param>
/// <param name="Seconds">From the service's start until the last row.</param>
/// <param name="Rate">Events / Seconds: the service's ingest capacity with one node down.</param>
internal sealed record DrainResult(long Events, double PublishRate, double Seconds, double Rate);
