using Kiosk.Contract.Json;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Snapshot;
using Xunit.Abstractions;

namespace Kiosk.Queue.Tests;

/// <summary>
/// Power-cut simulation: a child process issues, prints and calls tickets in a loop on a real file and is killed
/// with SIGKILL at random moments (including during open and migration), again and again. After all of it the log must
/// hold every ticket whose issue returned, no duplicate or missing number, a gap-free outbox and a sound file.
/// </summary>
public class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 55;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigkill_at_random_moments_loses_no_ticket_and_repeats_no_number()
    {
        using var dir = new TempDir();
        var childDll = Path.Combine(AppContext.BaseDirectory, "Kiosk.Queue.CrashChild.dll");
        Assert.True(File.Exists(childDll), $"crash child not built next to the tests: {childDll}");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var random = new Random(20260302);
        var acknowledged = new Dictionary<Guid, string>();
        var killedBeforeReady = 0;
        var stopwatch = Stopwatch.StartNew();

        for (var run = 0; run < Kills; run++)
        {
            var lines = new BlockingCollection<string>();
            using var child = new Process
            {
                StartInfo = new ProcessStartInfo(host)
                {
                    ArgumentList = { childDll, dir.Db },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            var stderr = new ConcurrentQueue<string>();
            child.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lines.Add(e.Data);
                }
            };
            child.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    stderr.Enqueue(e.Data);
                }
            };
            Assert.True(child.Start());
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();

            if (run % 16 == 15)
            {
                // Kill while the runtime is still loading.
                killedBeforeReady++;
            }
            else if (run % 8 == 7)
            {
                // Kill inside QueueEngine.Open: quick_check, WAL switch, migration, day rollover.
                await WaitForLine(lines, child, stderr, l => l == "OPENING");
                await Task.Delay(random.Next(0, 30));
                killedBeforeReady++;
            }
            else
            {
                await WaitForLine(lines, child, stderr, l => l == "READY");
                var target = random.Next(0, 12);
                for (var seen = 0; seen < target;)
                {
                    seen += (await WaitForLine(lines, child, stderr, l => l.StartsWith("ISSUED ", StringComparison.Ordinal))) is not null ? 1 : 0;
                }

                await Task.Delay(random.Next(0, 15));
            }

            child.Kill(); // SIGKILL on Linux: no finaliser, no flush, no checkpoint.
            using (var cts = new CancellationTokenSource(StepTimeout))
            {
                await child.WaitForExitAsync(cts.Token);
            }

            child.WaitForExit(); // drains the redirected output so every line printed before the kill is seen
            lines.CompleteAdding();
            Assert.True(child.ExitCode != 0 || stderr.IsEmpty, $"child ended by itself: {string.Join(" | ", stderr)}");
            Assert.True(stderr.IsEmpty, $"child reported: {string.Join(" | ", stderr)}");
            foreach (var line in lines.Where(l => l.StartsWith("ISSUED ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ');
                acknowledged.Add(Guid.Parse(parts[1]), parts[2]);
            }
        }

        output.WriteLine($"{Kills} kills ({killedBeforeReady} during start-up), {acknowledged.Count} acknowledged tickets, {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(acknowledged.Count > Kills, "the child must have issued tickets between kills");

        using var engine = QueueEngine.Open(ChildOptions(dir.Db), TimeProvider.System, null);
        Assert.Equal(["ok"], engine.IntegrityCheck());

        using var export = new StringWriter();
        engine.ExportTickets(DateOnly.MinValue, DateOnly.MaxValue, export);
        var rows = export.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var stored = rows.ToDictionary(r => Guid.Parse(r[0]), r => r[2]);

        // Every ticket whose issue returned is there, with the number the child was given.
        Assert.All(acknowledged, a => Assert.Equal(a.Value, stored.GetValueOrDefault(a.Key)));
        // No number twice in a business day, and no number skipped: each queue runs 1..n.
        Assert.Equal(rows.Count, rows.Select(r => (r[1], r[2])).Distinct().Count());
        foreach (var queue in rows.GroupBy(r => (Day: r[1], Service: r[3])))
        {
            var numbers = queue.Select(r => int.Parse(r[2].Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }

        // The outbox sequence is gap-free and the events still rebuild the snapshot.
        var events = engine.ReadEvents(0, 1_000_000);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var projection = new SnapshotProjection(ChildOptions(dir.Db));
        foreach (var e in events)
        {
            projection.Apply(e);
        }

        Assert.Equal(ContractJson.Serialize(engine.GetSnapshot()), ContractJson.Serialize(projection.Build()));
    }

    private static async Task<string?> WaitForLine(BlockingCollection<string> lines, Process child, ConcurrentQueue<string> stderr, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (lines.TryTake(out var line, TimeSpan.FromMilliseconds(50)))
            {
                if (match(line))
                {
                    return line;
                }

                continue;
            }

            if (child.HasExited)
            {
                throw new InvalidOperationException($"crash child exited on its own ({child.ExitCode}): {string.Join(" | ", stderr)}");
            }

            await Task.Yield();
        }

        throw new TimeoutException($"crash child printed no matching line within {StepTimeout.TotalSeconds} s");
    }

    /// <summary>The child's configuration (tests/QueueEngine.CrashChild/Program.cs); the same options read the file back.</summary>
    private static QueueEngineOptions ChildOptions(string db)
    {
        var options = new QueueEngineOptions { DatabasePath = db, SiteId = "crash", TimeZoneId = "Asia/Jakarta" };
        options.Services.Add(new ServiceOptions { Code = "A", Prefix = "A", Name = "Pendaftaran BPJS" });
        options.Services.Add(new ServiceOptions { Code = "B", Prefix = "B", Name = "Pendaftaran Umum" });
        options.Polis.Add(new PoliOptions { Code = "GIGI", Prefix = "G", Name = "Poli Gigi" });
        options.Counters.Add(TestSite.Counter("L1", "Loket 1", "A", "B"));
        return options;
    }
}
