using System.Diagnostics;
using System.Globalization;
using Kiosk.Contract;
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
//   engine without secure_delete = the same on a second file whose connection has secure_delete turned off: the cost of
//               zeroing freed bytes (README, "Card data at rest"), measured in the same run
// The three alternate op by op so disk and CPU noise hit them alike. Then: tickets/second with 4 counters calling concurrently.
return await BenchRun.Run("QueueEngine.Bench", () =>
{
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
        using var plain = QueueEngine.Open(BenchOptions.Create(Path.Combine(dir, "plain.db"), dailyCap: null), time, null);
        plain.SetPragmaForTests("secure_delete", 0);
        if (engine.ReadPragma("secure_delete") != "1" || plain.ReadPragma("secure_delete") != "0")
        {
            Console.Error.WriteLine("QueueEngine.Bench: secure_delete is not on for the engine and off for the comparison; cannot measure its cost");
            return 1;
        }

        var request = new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs);

        // Warm-up: JIT, statement preparation, WAL file growth.
        for (var i = 0; i < 50; i++)
        {
            baseline.InsertAndCommit();
            engine.IssueTicket(request);
            plain.IssueTicket(request);
        }

        // Interleaved op by op (rotating order) so all see the same disk moment: a shared SD card or VM disk drifts a lot.
        var baseSamples = new List<double>();
        var engineSamples = new List<double>();
        var plainSamples = new List<double>();
        var total = settings.Rounds * settings.OpsPerRound;
        for (var i = 0; i < total; i++)
        {
            for (var side = 0; side < 3; side++)
            {
                switch ((i + side) % 3)
                {
                    case 0: baseSamples.Add(TimeBare(baseline)); break;
                    case 1: engineSamples.Add(TimeIssue(engine, request)); break;
                    default: plainSamples.Add(TimeIssue(plain, request)); break;
                }
            }
        }

        var b = Stats.Of(baseSamples);
        var e = Stats.Of(engineSamples);
        var p = Stats.Of(plainSamples);
        Console.WriteLine($"bare INSERT + commit : mean {b.Mean,8:0.0} us  p50 {b.P50,8:0.0} us  p99 {b.P99,8:0.0} us  ({baseSamples.Count} ops)");
        Console.WriteLine($"issue ticket         : mean {e.Mean,8:0.0} us  p50 {e.P50,8:0.0} us  p99 {e.P99,8:0.0} us  ({engineSamples.Count} ops)");
        Console.WriteLine($"issue, secure_delete off: mean {p.Mean,5:0.0} us  p50 {p.P50,8:0.0} us  p99 {p.P99,8:0.0} us  ({plainSamples.Count} ops)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio issue/bare     : mean {e.Mean / b.Mean:0.00}  p50 {e.P50 / b.P50:0.00}  (goal <= 1.25)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio secure_delete on/off: mean {e.Mean / p.Mean:0.00}  p50 {e.P50 / p.P50:0.00}"));
        DayClose.Run(dir, settings.Rounds);

        Concurrent.Run(Path.Combine(dir, "concurrent.db"), settings.ConcurrentSeconds);
        return 0;
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
});

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
