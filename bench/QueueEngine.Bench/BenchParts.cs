using System.Diagnostics;
using System.Globalization;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Microsoft.Data.Sqlite;

namespace Kiosk.Queue.Bench;

internal sealed record BenchSettings(int Rounds, int OpsPerRound, double ConcurrentSeconds, string Directory, bool Skip)
{
    /// <summary>
    /// Options: --rounds N, --ops N, --seconds S, --dir PATH. A bare word is the ./kiosk.sh bench filter:
    /// this benchmark runs when it is contained in "QueueEngine" (case-insensitive).
    /// </summary>
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(5, 200, 5, Path.GetTempPath(), false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--rounds" => settings with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--ops" => settings with { OpsPerRound = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => settings with { ConcurrentSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dir" => settings with { Directory = Next() },
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
                    random.Next(5) == 0 ? PriorityClass.Lansia : PriorityClass.None));
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
                var call = engine.Execute(new CounterCommand($"{id}-{++command}", id, CounterCommandKind.CallNext));
                if (!call.Succeeded)
                {
                    Interlocked.Increment(ref idle);
                    Thread.Yield();
                    continue;
                }

                var done = engine.Execute(new CounterCommand($"{id}-{++command}", id, CounterCommandKind.ServeDone));
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"concurrent (1 kiosk + 4 counters, {elapsed:0.0} s): issued {issued / elapsed:0} tickets/s, called+served {served / elapsed:0} tickets/s, " +
            $"{commits / elapsed:0} events/s, {idle} empty calls"));
    }
}
