using System.Diagnostics;
using System.Globalization;
using Kiosk.Queue;
using Kiosk.Queue.Bench;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Microsoft.Data.Sqlite;

// Issue cost vs the fsync floor, measured in one run on one disk:
//   baseline  = BEGIN IMMEDIATE; one bare INSERT; COMMIT   (same pragmas: WAL, synchronous=FULL, busy_timeout, foreign_keys)
//   engine    = IssueTicket: validate, number, ticket row + outbox row, COMMIT
// The two alternate op by op so disk and CPU noise hit both alike. Then: tickets/second with 4 counters calling concurrently.
var settings = BenchSettings.Parse(args);
if (settings.Skip)
{
    Console.WriteLine("QueueEngine.Bench: filtered out");
    return 0;
}

var dir = Path.Combine(settings.Directory, "queue-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
Console.WriteLine($"QueueEngine.Bench: {settings.Rounds * settings.OpsPerRound} ops each side, interleaved, files in {dir}");
try
{
    using var baseline = BareInsert.Open(Path.Combine(dir, "baseline.db"));
    var time = TimeProvider.System;
    using var engine = QueueEngine.Open(BenchOptions.Create(Path.Combine(dir, "engine.db"), dailyCap: null), time, null);
    var request = new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs);

    // Warm-up: JIT, statement preparation, WAL file growth.
    for (var i = 0; i < 50; i++)
    {
        baseline.InsertAndCommit();
        engine.IssueTicket(request);
    }

    // Interleaved op by op (ABBA order) so both see the same disk moment: a shared SD card or VM disk drifts a lot.
    var baseSamples = new List<double>();
    var engineSamples = new List<double>();
    var total = settings.Rounds * settings.OpsPerRound;
    for (var i = 0; i < total; i++)
    {
        if (i % 2 == 0)
        {
            baseSamples.Add(TimeBare(baseline));
            engineSamples.Add(TimeIssue(engine, request));
        }
        else
        {
            engineSamples.Add(TimeIssue(engine, request));
            baseSamples.Add(TimeBare(baseline));
        }
    }

    var b = Stats.Of(baseSamples);
    var e = Stats.Of(engineSamples);
    Console.WriteLine($"bare INSERT + commit : mean {b.Mean,8:0.0} us  p50 {b.P50,8:0.0} us  p99 {b.P99,8:0.0} us  ({baseSamples.Count} ops)");
    Console.WriteLine($"issue ticket         : mean {e.Mean,8:0.0} us  p50 {e.P50,8:0.0} us  p99 {e.P99,8:0.0} us  ({engineSamples.Count} ops)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio issue/bare     : mean {e.Mean / b.Mean:0.00}  p50 {e.P50 / b.P50:0.00}  (goal <= 1.25)"));

    Concurrent.Run(Path.Combine(dir, "concurrent.db"), settings.ConcurrentSeconds);
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

static double TimeBare(BareInsert baseline)
{
    var start = Stopwatch.GetTimestamp();
    baseline.InsertAndCommit();
    return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}

static double TimeIssue(QueueEngine engine, IssueRequest request)
{
    var start = Stopwatch.GetTimestamp();
    var result = engine.IssueTicket(request);
    var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    return result.Succeeded ? elapsed : throw new InvalidOperationException(result.Error.ToString());
}
