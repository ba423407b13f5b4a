using System.Diagnostics;
using System.Globalization;
using Kiosk.Contract.District;
using Kiosk.District.Bench;
using Kiosk.District.Local;
using Kiosk.Simulator.Scenarios;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

// ./kiosk.sh bench district [SITES [SCENARIO]] [--smoke] (default 60 sites x hari-sibuk, 11 minutes at load average 40 here): one Puskesmas's day recorded from the real tier (kiosk host on simulated
// hardware, its Mosquitto, its district link, JetStream), then replayed as many sites at once, each a direct JetStream
// publisher with its own user, into a private three-node cluster over TLS (stream R3) and the district service (in this
// process) writing PostgreSQL. Every figure is printed next to its baseline from the same run; nothing asserts a speed.
//   (a) baseline: raw JetStream publish of the same events, 64 in flight, into the R3 stream (the service not running)
//   (b) end to end: first publish until every row is in PostgreSQL `events`, R3, all nodes up
//   (c) the same with node 2 SIGKILLed before the replay (the service's own reconnection is part of the figure)
//   (e) the built service as its own process (SeparateService): VmRSS/VmHWM after start and after a replay, against a bare worker
//   (f) event to the Dinkes dashboard's SSE (SseLatency), quiet and under that replay, against a plain NATS subscriber
//   (g) drain: the same number of events already in the stream, node 2 SIGKILLed, then the service starts and drains
//       them alone (no publisher competing for the cores): the service's ingest capacity, run before (b) (Drain.cs)
// Publish-to-row times compare each row's received_at (when the service wrote its batch) with the bench's send time: with
// the publishers faster than the ingest they measure the backlog, not one event's path.
// Goal (issue 23): 1,000 Puskesmas x the hari-sibuk day (about 5 million events) in <= 15 minutes with one node down.
// --smoke: hari-biasa's first 20 minutes of arrivals as 2 sites.
return await BenchRun.RunAsync("District.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var settings = BenchRun.Settings(args);
    var siteCount = settings.Length > 0 ? int.Parse(settings[0], CultureInfo.InvariantCulture) : smoke ? 2 : 60;
    var scenarioName = settings.Length > 1 ? settings[1] : smoke ? "hari-biasa" : "hari-sibuk";
    BenchRun.Require(PrivateNatsCluster.FindServer() is not null, "nats-server is not installed (./kiosk.sh test installs it)");
    BenchRun.Require(PrivatePostgres.FindBinaries() is not null, "PostgreSQL is not installed (./kiosk.sh test installs it)");
    // Smoke: room for one ack wait (30 s), the longest a message delivered when node 2 died takes to come back.
    var ingestBound = smoke ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(15);

    var total = Stopwatch.StartNew();
    var day = await RecordedDay.RecordAsync(LoadDay(scenarioName, smoke), CancellationToken.None);
    Console.WriteLine(Say($"recorded {day.Scenario}{(smoke ? " (first 20 minutes)" : "")}: {day.Events.Count} events forwarded by the district link, in {total.Elapsed.TotalSeconds:0.0} s"));

    var baseSites = Replay.SiteIds("dasar", siteCount);
    var upSites = Replay.SiteIds("r3", siteCount);
    var downSites = Replay.SiteIds("satu-mati", siteCount);
    var drainSites = Replay.SiteIds("kuras", siteCount);
    await using var nats = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions
    {
        Nodes = 3,
        Tls = true,
        Sites = [.. baseSites, .. upSites, .. downSites, .. drainSites, .. SeparateService.Sites(siteCount)],
    });
    var perRun = (long)siteCount * day.Events.Count;
    Console.WriteLine(Say($"replay: {siteCount} sites x {day.Events.Count} events = {perRun} events per run, {Replay.InFlight} publishes in flight, 3 nodes over TLS, stream R3"));

    // (a) Raw publish into the same stream, before the service exists; then the stream is emptied so the service's
    // consumer starts on the end-to-end runs only.
    var baseline = await Replay.RunAsync(nats, day, baseSites, CancellationToken.None);
    Console.WriteLine(Say($"(a) baseline raw JetStream publish, R3: {baseline.Events} events in {baseline.Elapsed.TotalSeconds:0.0} s = {baseline.EventsPerSecond:0} events/s"));
    await using (var admin = nats.Connect(nats.AdminCredentials, "bench-admin"))
    {
        await new NatsJSContext(admin).PurgeStreamAsync(DistrictSubjects.StreamName, new StreamPurgeRequest());
    }

    // (e)/(f) The service as its own process (as installed): its RSS next to a bare worker's, and event-to-SSE latency.
    var alone = await SeparateService.RunAsync(nats, day, siteCount, smoke, ingestBound);
    Console.WriteLine(Say($"(e) RSS of the district service as its own process (VmRSS / VmHWM): {alone.Started.Rss:0} MiB after start, {alone.AfterReplay.Rss:0} MiB after replaying {alone.Events} events ({alone.Events / alone.Seconds:0} events/s) and the SSE probes, peak {alone.AfterReplay.Peak:0} MiB; bare Generic Host worker {alone.Bare.Rss:0} / {alone.Bare.Peak:0} MiB; ratio {alone.Started.Rss / alone.Bare.Rss:0.00} x after start, {alone.AfterReplay.Peak / alone.Bare.Peak:0.00} x peak; goal <= 200 MiB: {(alone.AfterReplay.Peak <= 200 ? "met" : "NOT met")}"));
    foreach (var (label, figures) in new[] { ("quiet, one event per 100 ms", alone.Quiet), ("under the replay", alone.Loaded) })
    {
        Console.WriteLine(Say($"(f) event to Dinkes SSE, {label}: {figures.Samples} samples, p50 {figures.Sse.P50:0} ms, p99 {figures.Sse.P99:0} ms; baseline publish to a plain NATS subscriber p50 {figures.Subscribed.P50:0.0} ms, p99 {figures.Subscribed.P99:0.0} ms (ratio p99 {figures.Sse.P99 / figures.Subscribed.P99:0} x); JetStream ack (stored R3) p50 {figures.Acknowledged.P50:0.0} ms, p99 {figures.Acknowledged.P99:0.0} ms"));
    }
    var drain = await Drain.RunAsync(nats, day, drainSites, "kuras", ingestBound);
    Console.WriteLine(Say($"(g) drain, node {Drain.KilledNode} SIGKILLed, events already in the stream (published at {drain.PublishRate:0} events/s before the service started): {drain.Events} events in {drain.Seconds:0.0} s from the service's start = {drain.Rate:0} events/s = {drain.Rate / baseline.EventsPerSecond:0.00} x baseline (a)"));

    GC.Collect();
    var rssBefore = Rss();
    await using var district = await DistrictUnderTest.StartAsync(nats);

    var up = await EndToEndAsync(nats, district, day, upSites, "r3", ingestBound);
    Console.WriteLine(Say($"(b) end to end, R3, all nodes up: {up.Events} events in {up.Seconds:0.0} s = {up.Rate:0} events/s = {up.Rate / baseline.EventsPerSecond:0.00} x baseline (a); publish {up.PublishRate:0} events/s; publish-to-row (received_at) p50 {up.P50:0} ms, p99 {up.P99:0} ms"));

    nats.Kill(2);
    await StreamAnswersAsync(nats);
    var down = await EndToEndAsync(nats, district, day, downSites, "satu-mati", ingestBound);
    Console.WriteLine(Say($"(c) end to end, node 2 SIGKILLed: {down.Events} events in {down.Seconds:0.0} s = {down.Rate:0} events/s = {down.Rate / baseline.EventsPerSecond:0.00} x baseline (a); publish {down.PublishRate:0} events/s; publish-to-row (received_at) p50 {down.P50:0} ms, p99 {down.P99:0} ms"));

    var rssAfter = Rss();
    Console.WriteLine(Say($"(d) RSS of this process (district service in-process with the bench's publishers; the recorded kiosk already stopped): {rssBefore / 1048576.0:0} MiB before the service, {rssAfter / 1048576.0:0} MiB after both runs; goal for the service alone <= 200 MiB"));

    // The issue's province: 1,000 Puskesmas x a hari-sibuk day. With hari-sibuk recorded, its own count; else the issue's figure.
    var province = day.Scenario == "hari-sibuk" && !smoke ? 1000L * day.Events.Count : 5_000_000L;
    var minutes = province / down.Rate / 60;
    Console.WriteLine(Say($"EXTRAPOLATION (not measured): {province} events (1,000 Puskesmas x hari-sibuk) at (c)'s {down.Rate:0} events/s = {minutes:0.0} minutes with one node down; goal <= 15 minutes: {(minutes <= 15 ? "would be met" : "would NOT be met")}{(smoke ? " (smoke: a few hundred events, dominated by start-up and the service's reconnection; no rate to extrapolate from)" : "")}"));
    Console.WriteLine(Say($"BENCH District{(smoke ? " (smoke)" : "")}: baseline {baseline.EventsPerSecond:0} events/s; end to end {up.Rate:0} events/s ({up.Rate / baseline.EventsPerSecond:0.00} x) R3, {down.Rate:0} events/s ({down.Rate / baseline.EventsPerSecond:0.00} x) one node down; total {total.Elapsed.TotalSeconds:0} s"));
    var drainMinutes = province / drain.Rate / 60;
    Console.WriteLine(Say($"EXTRAPOLATION (not measured): {province} events at (g)'s drain rate {drain.Rate:0} events/s = {drainMinutes:0.0} minutes with one node down; goal <= 15 minutes: {(drainMinutes <= 15 ? "would be met" : "would NOT be met")}"));
    Console.WriteLine(Say($"BENCH District drain: {drain.Rate:0} events/s ({drain.Rate / baseline.EventsPerSecond:0.00} x baseline) one node down, no publishers"));
    return 0;
});

static Scenario LoadDay(string name, bool smoke)
{
    var scenario = Scenario.Load(Scenario.Resolve(name));
    if (smoke)
    {
        // As Scenario.Bench's smoke: the first 20 minutes of arrivals, without printer faults and broker outages.
        var start = scenario.Arrivals.Min(w => w.From) ?? "07:30";
        scenario.Arrivals = scenario.Arrivals.Where(w => w.From == start).ToList();
        foreach (var wave in scenario.Arrivals)
        {
            wave.To = TimeOnly.Parse(start, CultureInfo.InvariantCulture).AddMinutes(20).ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        scenario.PrinterFaults = [];
        scenario.BrokerOutages = [];
    }

    return scenario;
}

static async Task<EndToEnd> EndToEndAsync(PrivateNatsCluster nats, DistrictUnderTest district, RecordedDay day, IReadOnlyList<string> sites, string prefix, TimeSpan bound)
{
    var expected = (long)sites.Count * day.Events.Count;
    var replaying = Replay.RunAsync(nats, day, sites, CancellationToken.None);
    var deadline = Stopwatch.StartNew();
    long rows;
    while ((rows = await district.RowsAsync(prefix, CancellationToken.None)) < expected)
    {
        if (replaying.IsFaulted)
        {
            await replaying;
        }

        BenchRun.Require(deadline.Elapsed < bound, $"{prefix}: {rows} of {expected} rows in PostgreSQL after {bound.TotalMinutes:0} minutes");
        await Task.Delay(TimeSpan.FromMilliseconds(200));
    }

    var done = DateTimeOffset.UtcNow;
    var replay = await replaying;
    BenchRun.Require(rows == expected, $"{prefix}: {rows} rows for {expected} events (an event stored twice)");
    var delays = (await district.DelaysAsync(replay, CancellationToken.None)).Order().ToList();
    var seconds = (done - replay.Started).TotalSeconds;
    return new EndToEnd(expected, seconds, expected / seconds, replay.EventsPerSecond,
        Percentile(delays, 0.50).TotalMilliseconds, Percentile(delays, 0.99).TotalMilliseconds);
}

static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

// After a SIGKILL the stream's leader may move; the replay starts once the stream answers again.
static async Task StreamAnswersAsync(PrivateNatsCluster nats)
{
    await using var admin = nats.Connect(nats.AdminCredentials, "bench-admin");
    var jetStream = new NatsJSContext(admin);
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        try
        {
            var stream = await jetStream.GetStreamAsync(DistrictSubjects.StreamName).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            if (stream.Info.Cluster?.Leader is not null)
            {
                return;
            }
        }
        catch (Exception ex) when (ex is NatsJSException or TimeoutException or NATS.Client.Core.NatsException)
        {
            BenchRun.Require(deadline.Elapsed < TimeSpan.FromSeconds(60), $"the stream did not answer within 60 s of the node kill: {ex.Message}");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(250));
    }
}

static long Rss()
{
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64;
}

static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

internal sealed record EndToEnd(long Events, double Seconds, double Rate, double PublishRate, double P50, double P99);
