using System.Diagnostics;
using System.Globalization;
using Kiosk.Bpjs.Bench;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Protocol;
using Kiosk.Broker;
using Kiosk.District.Bench;
using Microsoft.Data.Sqlite;

// ./kiosk.sh bench bpjs [TICKETS] [--smoke] [--jit] [--aot] (default 600 JKN tickets: a busy morning's two hours
// without internet): the BPJS bridge as installed runs it (the built Kiosk.Bpjs as its own process, configured through
// its environment as bpjs.env and the unit give it) on a private Mosquitto, with the bench answering the card requests
// as the kiosk, and the BPJS double on loopback, which checks every signature. Every figure is printed next to its
// baseline or goal.
//   (a) the outage: the outbox already holds each ticket's tambah and its panggil or batal (made by the bridge's own
//       mapper from the kiosk's events); the bridge starts with BPJS down and tries every ticket's tambah once; then BPJS
//       answers again and the bridge drains the backlog: reports/s from BPJS's first answer to its last, and the time
//       from the link's return (which includes the bridge's back-off wait before it tries again). Goal: < 1 minute.
//   (b) the bridge's VmRSS/VmHWM after start (every tambah tried once) and after the drain, against a bare Generic
//       Host worker (bench/BareWorker) started and read the same way in this run, and where it is (ResidentSplit: anonymous
//       memory, assemblies, native libraries, the executable, other files). Goal: <= 1.5 x.
// Three modes: as built (JIT), as installed (ReadyToRun publish of the bridge and of the bare worker alike), and Native
// AOT (issue 25: the bridge and the bare worker both published Native AOT, and the bridge also against the ReadyToRun
// bare worker, issue 24's baseline).
// --smoke: 20 tickets, JIT only. --jit: JIT only at the full size (for trying a setting quickly). --aot: Native AOT only.
// KIOSK_BPJS_BENCH_BRIDGE_ENV="DOTNET_X=1;DOTNET_Y=2": extra environment for the bridge alone (the bare worker keeps the
// unit's), to measure a runtime setting before it goes into Bpjs.csproj.
return await BenchRun.RunAsync("Bpjs.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var jitOnly = smoke || args.Contains("--jit");
    var aotOnly = !jitOnly && args.Contains("--aot");
    var settings = BenchRun.Settings(args).Where(a => a is not "--jit" and not "--aot").ToArray();
    var tickets = settings.Length > 0 ? int.Parse(settings[0], CultureInfo.InvariantCulture) : smoke ? 20 : 600;
    BenchRun.Require(tickets >= 1, "tickets must be at least 1");
    Console.WriteLine(Say($"load average at start: {LoadAverage()}"));

    // Each mode: the bridge, and the bare workers its RSS is compared with (the first is the mode's own baseline).
    var modes = new List<(string Label, string Bridge, IReadOnlyList<(string Label, string Program)> Bares)>();
    if (!aotOnly)
    {
        modes.Add(("JIT (dotnet build)", ServiceProcess.Built("Bpjs", "Kiosk.Bpjs.dll"),
            [("bare worker JIT", ServiceProcess.Built("bench/BareWorker", "Kiosk.BareWorker.dll"))]));
    }

    var published = Directory.CreateTempSubdirectory("kiosk-bpjs-bench-publish-").FullName;
    try
    {
        if (!jitOnly)
        {
            var bareReadyToRun = ("bare worker ReadyToRun (issue 24's baseline)",
                Publish("bench/BareWorker/BareWorker.csproj", Path.Combine(published, "bare"), "Kiosk.BareWorker.dll", PublishKind.ReadyToRun));
            if (!aotOnly)
            {
                modes.Add(("ReadyToRun (as installed)", Publish("Bpjs/Bpjs.csproj", Path.Combine(published, "bpjs"), "Kiosk.Bpjs.dll", PublishKind.ReadyToRun),
                    [bareReadyToRun]));
            }

            modes.Add(("Native AOT", Publish("Bpjs/Bpjs.csproj", Path.Combine(published, "bpjs-aot"), "Kiosk.Bpjs", PublishKind.NativeAot),
            [
                ("bare worker Native AOT", Publish("bench/BareWorker/BareWorker.csproj", Path.Combine(published, "bare-aot"), "Kiosk.BareWorker", PublishKind.NativeAot)),
                bareReadyToRun,
            ]));
        }

        foreach (var (label, bridge, bares) in modes)
        {
            await RunAsync(label, bridge, bares, tickets, smoke ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(10));
        }
    }
    finally
    {
        Directory.Delete(published, recursive: true);
    }

    Console.WriteLine(Say($"load average at the end: {LoadAverage()}"));
    return 0;
});

static async Task RunAsync(string label, string bridgeProgram, IReadOnlyList<(string Label, string Program)> barePrograms, int tickets, TimeSpan drainBound)
{
    // The unit's runtime settings for both processes: workstation GC, the heap limit, production.
    var common = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_GCHeapHardLimitPercent"] = "10",
        ["Logging__LogLevel__Default"] = "Warning",
    };
    var bares = new List<(string Label, double Rss, double Peak, ResidentSplit Split)>();
    foreach (var (bareLabel, bareProgram) in barePrograms)
    {
        await using var worker = await ServiceProcess.StartAsync(bareProgram, [], common, ready: null);
        var (rss, peak) = worker.Memory();
        bares.Add((bareLabel, rss, peak, ResidentSplit.Of(worker.Id)));
    }

    var folder = Directory.CreateTempSubdirectory("kiosk-bpjs-bench-").FullName;
    try
    {
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "bangku-bpjs", CounterCount = 1 });
        var doubleOptions = new BpjsDoubleOptions();
        await using var bpjs = await BpjsDouble.StartAsync(doubleOptions);
        bpjs.Mode.Down = true;

        var outboxPath = Path.Combine(folder, "bpjs-outbox.db");
        var filling = Stopwatch.StartNew();
        var backlog = OutageBacklog.Fill(outboxPath, broker.Site, tickets);
        Console.WriteLine(Say($"{label}: backlog: {tickets} JKN tickets, {backlog.Reports} reports in the outbox (stored in {filling.Elapsed.TotalSeconds:0.0} s, one fsynced commit each)"));
        await using var cards = await KioskCards.StartAsync(broker, backlog.Cards);

        var passwordFile = Path.Combine(folder, "bpjs-broker-password");
        await File.WriteAllTextAsync(passwordFile, broker.For(BrokerRoles.Bpjs).Password + "\n");
        var environment = new Dictionary<string, string?>(common, StringComparer.Ordinal)
        {
            ["Bpjs__Site"] = broker.Site,
            ["Bpjs__ConsId"] = doubleOptions.ConsId,
            ["Bpjs__Secret"] = doubleOptions.Secret,
            ["Bpjs__UserKey"] = doubleOptions.UserKey,
            ["Bpjs__BaseUrl"] = bpjs.BaseUrl.ToString(),
            ["Bpjs__PoliMap"] = OutageBacklog.PoliMap,
            ["Bpjs__OutboxPath"] = outboxPath,
            ["Bpjs__Mqtt__Host"] = broker.Host,
            ["Bpjs__Mqtt__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Bpjs__Mqtt__Username"] = BrokerRoles.Bpjs,
            ["Bpjs__Mqtt__PasswordFile"] = passwordFile,
        };
        foreach (var setting in (Environment.GetEnvironmentVariable("KIOSK_BPJS_BENCH_BRIDGE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            BenchRun.Require(equals > 0, $"KIOSK_BPJS_BENCH_BRIDGE_ENV: '{setting}' is not NAME=VALUE");
            environment[setting[..equals]] = setting[(equals + 1)..];
            Console.WriteLine(Say($"{label}: the bridge alone also gets {setting}"));
        }

        // Started while BPJS is down: it is ready for the bench once it has tried every ticket's tambah once (a ticket's
        // panggil or batal is not sent before its tambah is taken).
        var starting = Stopwatch.StartNew();
        await using var bridge = await ServiceProcess.StartAsync(bridgeProgram, [], environment,
            _ => Task.FromResult(Untried(outboxPath) == 0));
        var started = bridge.Memory();
        var startedSplit = ResidentSplit.Of(bridge.Id);
        Console.WriteLine(Say($"{label}: the bridge started with BPJS down and tried every ticket's first report ({tickets} tambah) at least once in {starting.Elapsed.TotalSeconds:0.0} s ({cards.Answered} card requests answered by the kiosk)"));

        var restored = Stopwatch.StartNew();
        bpjs.Mode.Down = false;
        await bpjs.WaitUntilAsync(requests => requests.Count(Taken) >= backlog.Reports, drainBound);
        var sinceRestore = restored.Elapsed;
        var after = bridge.Memory();
        var afterSplit = ResidentSplit.Of(bridge.Id);

        var received = bpjs.Received;
        var requests = bpjs.Requests;
        BenchRun.Require(received.Count == backlog.Reports, $"BPJS took {received.Count} reports, expected {backlog.Reports}");
        BenchRun.Require(requests.All(r => r.Answer.Kind != BpjsOutcomeKind.Retry && r.Answer.Kind != BpjsOutcomeKind.Refused),
            "BPJS refused a request or asked for it again (a bad signature, a bad body)");
        var twice = received.GroupBy(r => (r.Kind, r.NomorKartu)).Count(g => g.Count() > 1);
        BenchRun.Require(twice == 0, $"{twice} reports reached BPJS twice");
        // BPJS answered the last one; the bridge marks it done in the outbox a moment later.
        var marking = Stopwatch.StartNew();
        while (Pending(outboxPath) > 0 && marking.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        BenchRun.Require(Pending(outboxPath) == 0, "the outbox still holds pending reports 20 s after BPJS took them all");
        var first = received.Min(r => r.At);
        var last = received.Max(r => r.At);
        var drain = Math.Max((last - first).TotalSeconds, 0.001);
        var rate = received.Count / drain;
        var wait = (first - (last - sinceRestore)).TotalSeconds;
        Console.WriteLine(Say($"{label}: (a) drain: {received.Count} reports ({tickets} tickets) taken by BPJS in {drain:0.0} s from its first answer to its last = {rate:0} reports/s; from the link's return {sinceRestore.TotalSeconds:0.0} s (of which about {Math.Max(wait, 0):0.0} s the bridge's back-off before its next try); every request signed and taken once, {requests.Count - received.Count} answered \"already there\"; goal whole backlog < 60 s: {(sinceRestore.TotalSeconds < 60 ? "met" : "NOT met")}"));
        Console.WriteLine(Say($"{label}: (b) RSS of the bridge as its own process (VmRSS / VmHWM): {started.Rss:0} MiB after start, {after.Rss:0} MiB after the drain, peak {after.Peak:0} MiB"));
        foreach (var bare in bares)
        {
            Console.WriteLine(Say($"{label}: (b) against the {bare.Label}, {bare.Rss:0} / {bare.Peak:0} MiB: ratio {started.Rss / bare.Rss:0.00} x after start, {after.Rss / bare.Rss:0.00} x after the drain, {after.Peak / bare.Peak:0.00} x peak; goal <= 1.5 x: {(Math.Max(started.Rss, after.Rss) / bare.Rss <= 1.5 ? "met" : "NOT met")}"));
        }

        Console.WriteLine(Say($"{label}: (b) where it is (smaps): {string.Join("; ", bares.Select(b => $"{b.Label} {b.Split}"))}; bridge after start {startedSplit}; after the drain {afterSplit}"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static bool Taken(BpjsReceived request) => request.Answer.Kind is BpjsOutcomeKind.Delivered or BpjsOutcomeKind.AlreadyDone;

// The outbox read beside the bridge (WAL lets a second reader in). Untried: tickets whose first waiting report (the
// only one the bridge may send; a panggil waits for its tambah) has not been tried yet.
static long Untried(string path) => Count(path, """
    SELECT COUNT(*) FROM reports r WHERE r.state = 'pending' AND r.attempts = 0 AND NOT EXISTS (
        SELECT 1 FROM reports e WHERE e.ticket_id = r.ticket_id AND e.id < r.id AND e.state = 'pending');
    """);

static long Pending(string path) => Count(path, "SELECT COUNT(*) FROM reports WHERE state = 'pending';");

static long Count(string path, string sql)
{
    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5 }.ToString());
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return (long)command.ExecuteScalar()!;
}

// ReadyToRun framework-dependent as the .deb publishes the bridge; Native AOT as issue 25 would (one executable).
static string Publish(string project, string output, string program, PublishKind kind)
{
    var root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "Kiosk.sln")))
    {
        root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new BenchFailure("Kiosk.sln not found above the bench");
    }

    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = root };
    string[] how = kind == PublishKind.NativeAot ? ["-p:PublishAot=true"] : ["--self-contained", "false", "-p:PublishReadyToRun=true"];
    foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier }.Concat(how).Concat(["-o", output, "-nologo", "-v", "quiet"]))
    {
        start.ArgumentList.Add(argument);
    }

    var publishing = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var said = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    BenchRun.Require(process.ExitCode == 0, $"dotnet publish {project} ({kind}) failed: {said.ReplaceLineEndings(" ")}");
    var path = Path.Combine(output, program);
    BenchRun.Require(File.Exists(path), $"dotnet publish {project} ({kind}) left no {program}");
    Console.WriteLine(Say($"published {project} {kind} in {publishing.Elapsed.TotalSeconds:0} s: {program} and what it needs, {Directory.EnumerateFiles(output).Where(f => !f.EndsWith(".dbg", StringComparison.Ordinal) && !f.EndsWith(".pdb", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length) / 1048576.0:0.0} MiB on disk (symbols aside)"));
    return path;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string Say(FormattableString line) => line.ToString(CultureInfo.InvariantCulture);

internal enum PublishKind
{
    ReadyToRun,
    NativeAot,
}
