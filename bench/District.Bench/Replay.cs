using System.Diagnostics;
using Kiosk.Contract.District;
using Kiosk.District.Local;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Kiosk.District.Bench;

/// <summary>
/// The recorded day replayed as many sites at once: each site its own connection (its own NATS user, as a district link
/// connects), its events in sequence order with its own id and new event ids, all sites sharing one window of publishes
/// in flight. A publish counts once the stream acknowledged it (a duplicate id counts as stored).
/// </summary>
internal sealed class Replay
{
    public const int InFlight = 64;
    private static readonly TimeSpan PublishBound = TimeSpan.FromSeconds(30);

    private Replay(IReadOnlyList<string> sites, long[][] publishedAt, TimeSpan elapsed, DateTimeOffset started)
    {
        Sites = sites;
        PublishedAt = publishedAt;
        Elapsed = elapsed;
        Started = started;
    }

    public IReadOnlyList<string> Sites { get; }

    /// <summary>Per site, per sequence - 1: UTC ticks when its publish was sent.</summary>
    public long[][] PublishedAt { get; }

    /// <summary>From the first publish to the last acknowledgement.</summary>
    public TimeSpan Elapsed { get; }

    public DateTimeOffset Started { get; }

    public long Events => PublishedAt.Sum(p => (long)p.Length);

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public static IReadOnlyList<string> SiteIds(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i:000}")];

    public static async Task<Replay> RunAsync(PrivateNatsCluster nats, RecordedDay day, IReadOnlyList<string> sites, CancellationToken cancellationToken)
    {
        var connections = new List<NatsConnection>(sites.Count);
        try
        {
            foreach (var site in sites)
            {
                var connection = nats.Connect(nats.SiteCredentials(site), $"bench-{site}");
                connections.Add(connection);
                await connection.ConnectAsync();
            }

            var publishedAt = sites.Select(_ => new long[day.Events.Count]).ToArray();
            using var window = new SemaphoreSlim(InFlight);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(sites.Select((site, i) =>
                PublishSiteAsync(new NatsJSContext(connections[i]), site, day, publishedAt[i], window, cancellationToken)));
            return new Replay(sites, publishedAt, clock.Elapsed, started);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task PublishSiteAsync(NatsJSContext jetStream, string site, RecordedDay day, long[] publishedAt, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        var subject = DistrictSubjects.Events(site);
        var pending = new List<Task>(day.Events.Count);
        for (var i = 0; i < day.Events.Count; i++)
        {
            await window.WaitAsync(cancellationToken);
            var eventId = Guid.NewGuid();
            var payload = day.Events[i].Encode(site, eventId);
            publishedAt[i] = DateTimeOffset.UtcNow.UtcTicks;
            pending.Add(PublishOneAsync(jetStream, subject, payload, eventId.ToString("D"), window, cancellationToken));
        }

        await Task.WhenAll(pending);
    }

    private static async Task PublishOneAsync(NatsJSContext jetStream, string subject, byte[] payload, string messageId, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            // A restarted node rejoining (after the drain, before the next run) can leave the stream without a leader for a
            // moment: "no responders". The message id makes a retry safe, as the sites' links retry without end.
            var ack = await jetStream.PublishAsync(subject, payload, opts: new NatsJSPubOpts { MsgId = messageId, RetryAttempts = 40, RetryWaitBetweenAttempts = TimeSpan.FromMilliseconds(250) }, cancellationToken: cancellationToken)
                .AsTask().WaitAsync(PublishBound, cancellationToken);
            if (!ack.Duplicate)
            {
                ack.EnsureSuccess();
            }
        }
        finally
        {
            window.Release();
        }
    }
}
