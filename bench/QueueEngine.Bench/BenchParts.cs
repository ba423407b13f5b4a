using System.Diagnostics;
using System.Globalization;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Microsoft.Data.Sqlite;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Bench;

internal sealed record BenchSettings(int Rounds, int OpsPerRound, double ConcurrentSeconds, string Directory, bool Skip)
{
    /// <summary>
    /// Options: --rounds N, --ops N, --seconds S, --dir PATH, --smoke (1 round of 20 ops, 1 s concurrent: every part in
    /// seconds). A bare word is the ./kiosk.sh bench filter: this benchmark runs when it is contained in "QueueEngine"
    /// (case-insensitive).
    /// </summary>
    public static BenchSettings Parse(string[] args)
    {
        var settings = BenchRun.IsSmoke(args)
            ? new BenchSettings(1, 20, 1, Path.GetTempPath(), false)
            : new BenchSettings(5, 200, 5, Path.GetTempPath(), false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--rounds" => settings with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--ops" => settings with { OpsPerRound = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => settings with { ConcurrentSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dir" => settings with { Directory = Next() },
                BenchRun.SmokeArgument => settings,
                var filter when !filter.StartsWith('-') => settings with
                {
                    Skip = !"QueueEngine".Contains(filter, StringComparison.OrdinalIgnoreCase) &&
                           !filter.Contains("queue", StringComparison.OrdinalIgnoreCase),
                },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }

        return settings;
    }
}

/// <summary>The physical floor: one tiny row, one transaction, one fsync, with the ticket log's own pragmas.</summary>
internal sealed class BareInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private long _id;

    private BareInsert(SqliteConnection connection)
    {
        _connection = connection;
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO t(id, payload) VALUES($id, $payload)";
        _insert.Parameters.Add(new SqliteParameter("$id", 0L));
        _insert.Parameters.Add(new SqliteParameter("$payload", "A-001 Lama Bpjs None Waiting Pending"));
    }

    public static BareInsert Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        TicketLog.ApplyPragmas(connection, TimeSpan.FromSeconds(5));
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT";
        create.ExecuteNonQuery();
        return new BareInsert(connection);
    }

    public void InsertAndCommit()
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = tx;
        _insert.Parameters["$id"].Value = ++_id;
        _insert.ExecuteNonQuery();
        tx.Commit();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}

internal static class BenchOptions
{
    public static QueueEngineOptions Create(string db, int? dailyCap)
    {
        var options = new QueueEngineOptions { DatabasePath = db, SiteId = "bench", TimeZoneId = "Asia/Jakarta" };
        options.Services.Add(new ServiceOptions { Code = "A", Prefix = "A", Name = "Pendaftaran BPJS", DailyCap = dailyCap });
        options.Services.Add(new ServiceOptions { Code = "B", Prefix = "B", Name = "Pendaftaran Umum", DailyCap = dailyCap });
        for (var i = 1; i <= 4; i++)
        {
            var counter = new CounterOptions { Id = $"L{i}", Name = $"Loket {i}" };
            counter.Services.Add("A");
            counter.Services.Add("B");
            options.Counters.Add(counter);
        }

        return options;
    }
}

internal sealed record Stats(double Mean, double P50, double P99)
{
    public static Stats Of(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        return new Stats(samples.Average(), At(0.5), At(0.99));
    }
}

/// <summary>One kiosk issuing and printing while 4 counters call next and serve, all at once on one engine.</summary>
internal static class Concurrent
{
    public static void Run(string db, double seconds)
    {
        using var engine = QueueEngine.Open(BenchOptions.Create(db, dailyCap: null), TimeProvider.System, null);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        long issued = 0, served = 0, idle = 0;
        var kiosk = Task.Run(() =>
        {
            var random = new Random(1);
            while (!stop.IsCancellationRequested)
            {
                var result = engine.IssueTicket(new IssueRequest(random.Next(2) == 0 ? "A" : "B", PatientCategory.Lama, Payer.Bpjs,
                    random.Next(5) == 0 ? PriorityKind.Lansia : PriorityKind.None));
                engine.MarkPrinted(result.Ticket!.Id);
                Interlocked.Increment(ref issued);
            }
        });
        var counters = Enumerable.Range(1, 4).Select(n => Task.Run(() =>
        {
            var id = $"L{n}";
            var command = 0;
            while (!stop.IsCancellationRequested)
            {
                var call = engine.Execute(new CounterCommand($"{id}-{++command}", id, CommandType.CallNext));
                if (!call.Succeeded)
                {
                    Interlocked.Increment(ref idle);
                    Thread.Yield();
                    continue;
                }

                var done = engine.Execute(new CounterCommand($"{id}-{++command}", id, CommandType.Serve));
                if (done.Succeeded)
                {
                    Interlocked.Increment(ref served);
                }
            }
        })).ToArray();
        var watch = Stopwatch.StartNew();
        Task.WaitAll([kiosk, .. counters]);
        var elapsed = watch.Elapsed.TotalSeconds;
        var commits = engine.GetSnapshot().Sequence;
        BenchRun.Require(issued > 0 && served > 0, $"the concurrent run issued {issued} and served {served} tickets in {elapsed:0.0} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"concurrent (1 kiosk + 4 counters, {elapsed:0.0} s): issued {issued / elapsed:0} tickets/s, called+served {served / elapsed:0} tickets/s, " +
            $"{commits / elapsed:0} events/s, {idle} empty calls"));
    }
}

/// <summary>
/// The day close and retention with and without secure_delete, day by day on two files (order alternating): a day of
/// tickets with card numbers called and served, the close (masking every copy, WAL truncated), then retention deleting
/// the day before (RetentionDays 1), which is where secure_delete writes zeroed pages.
/// </summary>
internal static class DayClose
{
    private const int TicketsPerDay = 100;

    public static void Run(string dir, int days)
    {
        var time = new ManualTime(new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.FromHours(7)));
        var sides = new[] { (Name: "secure_delete on ", SecureDelete: true), (Name: "secure_delete off", SecureDelete: false) };
        var engines = sides.Select(s =>
        {
            var options = BenchOptions.Create(Path.Combine(dir, s.SecureDelete ? "close-on.db" : "close-off.db"), dailyCap: null);
            options.RetentionDays = 1;
            var engine = QueueEngine.Open(options, time, null);
            if (!s.SecureDelete)
            {
                engine.SetPragmaForTests("secure_delete", 0);
            }

            return engine;
        }).ToArray();
        try
        {
            var samples = sides.Select(_ => (Day: new List<double>(), Close: new List<double>(), Retention: new List<double>())).ToArray();
            var warmUp = 2;
            for (var day = 0; day < days + warmUp; day++)
            {
                for (var k = 0; k < sides.Length; k++)
                {
                    var side = (day + k) % sides.Length;
                    var dayMs = Measure(() => RunDay(engines[side], day));
                    if (day >= warmUp)
                    {
                        samples[side].Day.Add(dayMs);
                    }
                }

                time.Advance(TimeSpan.FromDays(1));
                for (var k = 0; k < sides.Length; k++)
                {
                    var side = (day + k) % sides.Length;
                    var closeMs = Measure(() => engines[side].CloseDayIfDue());
                    var retentionMs = Measure(() =>
                    {
                        if (day >= 1 && engines[side].ApplyRetention().DaysArchived.Count != 1)
                        {
                            throw new InvalidOperationException("retention archived no day: nothing to measure");
                        }
                    });
                    if (day >= warmUp)
                    {
                        samples[side].Close.Add(closeMs);
                        samples[side].Retention.Add(retentionMs);
                    }
                }
            }

            for (var side = 0; side < sides.Length; side++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"day of {TicketsPerDay} tickets, {sides[side].Name}: day {samples[side].Day.Average(),7:0} ms  close {samples[side].Close.Average(),6:0.0} ms  " +
                    $"retention of a day {samples[side].Retention.Average(),6:0.0} ms  ({samples[side].Day.Count} days)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio secure_delete on/off: day {samples[0].Day.Average() / samples[1].Day.Average():0.00}  close {samples[0].Close.Average() / samples[1].Close.Average():0.00}  " +
                $"retention {samples[0].Retention.Average() / samples[1].Retention.Average():0.00}"));
        }
        finally
        {
            foreach (var engine in engines)
            {
                engine.Dispose();
            }
        }
    }

    private static void RunDay(QueueEngine engine, int day)
    {
        for (var i = 0; i < TicketsPerDay; i++)
        {
            var card = new CardData(CardKind.Nik, "3171" + day.ToString("D4", CultureInfo.InvariantCulture) + i.ToString("D8", CultureInfo.InvariantCulture));
            var issued = engine.IssueTicket(new IssueRequest(i % 2 == 0 ? "A" : "B", PatientCategory.Lama, Payer.Bpjs, PriorityKind.None, 1, card, TicketSource.Scan));
            if (!issued.Succeeded || !engine.MarkPrinted(issued.Ticket.Id).Succeeded)
            {
                throw new InvalidOperationException("issue failed: " + issued.Error);
            }
        }

        for (var i = 0; i < TicketsPerDay; i++)
        {
            var counter = $"L{(i % 4) + 1}";
            if (!engine.Execute(new CounterCommand($"{day}-{i}-call", counter, CommandType.CallNext)).Succeeded ||
                !engine.Execute(new CounterCommand($"{day}-{i}-done", counter, CommandType.Serve)).Succeeded)
            {
                throw new InvalidOperationException("call or serve failed");
            }
        }

        engine.MarkPublished(long.MaxValue);
    }

    private static double Measure(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
