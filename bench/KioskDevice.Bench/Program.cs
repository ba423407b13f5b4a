using System.Diagnostics;
using System.Globalization;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Device.Bench;
using Kiosk.Mqtt;

// ./kiosk.sh bench kiosk [tickets] [runs] [--smoke]
// Start-to-READY=1 and resident memory of the kiosk next to a bare Generic Host worker, started the same way
// (dotnet X.dll, or the Native AOT program, with a NOTIFY_SOCKET) in the same run; then memory after issuing tickets
// through counter commands.
// --smoke: one JIT start each and 20 tickets, no ReadyToRun or Native AOT publish; seconds, to prove every step still works.
return await BenchRun.RunAsync("KioskDevice.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var settings = BenchRun.Settings(args);
    var tickets = settings.Length > 0 ? int.Parse(settings[0], CultureInfo.InvariantCulture) : smoke ? 20 : 10_000;
    var runs = settings.Length > 1 ? int.Parse(settings[1], CultureInfo.InvariantCulture) : smoke ? 1 : 3;
    BenchRun.Require(tickets >= 2 && runs >= 1, "tickets must be at least 2 and runs at least 1");
    var topics = new SiteTopics(Site);

    await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 6 });

    // As installed on the Pi (the package publishes ReadyToRun) and as built (JIT only), both workers alike.
    var published = Directory.CreateTempSubdirectory("kiosk-bench-publish-").FullName;
    var modes = new List<(string Label, string BareDll, string KioskDll)>
    {
        ("JIT (dotnet build)", Path.Combine(AppContext.BaseDirectory, "Kiosk.BareWorker.dll"), Path.Combine(AppContext.BaseDirectory, "Kiosk.Device.dll")),
    };
    if (!smoke)
    {
        modes.Add(("ReadyToRun (as installed)",
            Publish("bench/BareWorker/BareWorker.csproj", Path.Combine(published, "bare"), "Kiosk.BareWorker.dll"),
            Publish("KioskDevice/KioskDevice.csproj", Path.Combine(published, "kiosk"), "Kiosk.Device.dll")));
    }

    ChildProcess? kept = null;
    (double Bare, double Kiosk) baseline = default;
    foreach (var (label, bareDll, kioskDll) in modes)
    {
        var bareReady = new List<double>();
        var bareRss = new List<double>();
        var kioskReady = new List<double>();
        var kioskRss = new List<double>();

        // A kiosk starts on a Pi that already has its ticket log (after a reboot or power cut): one unmeasured start
        // creates the database and warms the page cache for both workers, the measured starts reuse it.
        var data = Directory.CreateTempSubdirectory("kiosk-bench-").FullName;
        using (ChildProcess.StartUntilReady(bareDll, []))
        using (ChildProcess.StartUntilReady(kioskDll, KioskArguments(broker, data)))
        {
        }

        for (var run = 0; run < runs; run++)
        {
            // Alternate so both see the same machine state (page cache, other load).
            using (var bare = ChildProcess.StartUntilReady(bareDll, []))
            {
                bareReady.Add(bare.ToReady.TotalMilliseconds);
                bareRss.Add(bare.ResidentMiB());
            }

            var kiosk = ChildProcess.StartUntilReady(kioskDll, KioskArguments(broker, data));
            kioskReady.Add(kiosk.ToReady.TotalMilliseconds);
            kioskRss.Add(kiosk.ResidentMiB());
            if (run == runs - 1 && kioskDll == modes[^1].KioskDll)
            {
                kept = kiosk;
                baseline = (Median(bareRss), Median(kioskRss));
            }
            else
            {
                kiosk.Dispose();
            }
        }

        Console.WriteLine($"[{label}] start to READY=1  bare worker {Median(bareReady),6:0} ms    kiosk {Median(kioskReady),6:0} ms    ratio {Median(kioskReady) / Median(bareReady):0.00} (goal <= 1.5)   [median of {runs}]");
        Console.WriteLine($"[{label}] RSS after start   bare worker {Median(bareRss),6:0.0} MiB   kiosk {Median(kioskRss),6:0.0} MiB   ratio {Median(kioskRss) / Median(bareRss):0.00} (goal <= 1.5)");
    }

    if (!smoke)
    {
        AotStart.Measure(KioskArguments(broker, Directory.CreateTempSubdirectory("kiosk-bench-aot-data-").FullName).ToArray(), runs);
    }

    using (kept)
    {
        var (issued, elapsed, samples) = await IssueTicketsAsync(broker, topics, kept!, tickets);
        Console.WriteLine($"issued {issued} tickets through counter commands in {elapsed.TotalSeconds:0.0} s ({issued / elapsed.TotalSeconds:0} tickets/s, each emergency + serve committed with fsync)");
        foreach (var (count, rss) in samples)
        {
            Console.WriteLine($"RSS after {count,6} tickets  kiosk {rss,6:0.0} MiB  ratio to bare {rss / baseline.Bare:0.00}  growth since start {rss - baseline.Kiosk:+0.0;-0.0} MiB");
        }
    }

    Directory.Delete(published, recursive: true);
    return 0;
});

static string Publish(string project, string output, string dll)
{
    var root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "Kiosk.sln")))
    {
        root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Kiosk.sln not found above the benchmark.");
    }

    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = root };
    foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "quiet" })
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? Path.Combine(output, dll) : throw new InvalidOperationException($"dotnet publish {project} failed");
}

static IEnumerable<string> KioskArguments(PrivateBroker broker, string data)
{
    var kiosk = broker.For(BrokerRoles.Kiosk);
    return
    [
        "run",
        $"--Kiosk:Mqtt:Port={broker.Port}",
        $"--Kiosk:Mqtt:Password={kiosk.Password}",
        "--Kiosk:Hardware:Kind=simulated",
        "--Kiosk:Printer:Transport=simulated",
        "--Kiosk:Reader:Kind=none",
        $"--Kiosk:DataDirectory={data}",
    ];
}

static async Task<(int Issued, TimeSpan Elapsed, List<(int Count, double Rss)> Samples)> IssueTicketsAsync(PrivateBroker broker, SiteTopics topics, ChildProcess kiosk, int tickets)
{
    var counter = broker.For(BrokerRoles.Counter(1));
    var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "bench-counter-1", Username = counter.Username, Password = counter.Password, MaxInflightMessages = 200 });
    client.StateChanged += (_, e) => { if (e.NewState == MqttConnectionState.Connected) { connected.TrySetResult(); } };
    await client.StartAsync(CancellationToken.None);
    await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
    await client.SubscribeAsync([new MqttTopicFilter(topics.Reply(1), MqttQos.AtLeastOnce)], CancellationToken.None);

    var samples = new List<(int, double)>();
    var clock = Stopwatch.StartNew();
    var sampleAt = new HashSet<int> { tickets / 2, tickets };
    var answered = 0;
    var issued = 0;
    string? refusal = null;

    // At most Window commands unanswered, as lokets send them: a burst of 20,000 overflows the broker's queue for the
    // kiosk (max_queued_messages 10,000, as on a site) and the dropped commands are never answered.
    const int Window = 200;
    using var window = new SemaphoreSlim(Window);
    var reader = Task.Run(async () =>
    {
        await foreach (var message in client.Messages.ReadAllAsync())
        {
            var reply = ContractJson.Deserialize<CounterReply>(message.Payload.Span);
            answered++;
            window.Release();
            if (!reply.Ok)
            {
                refusal ??= $"{reply.Type} {reply.CommandId}: {reply.ErrorCode} {reply.Message}";
            }
            else if (reply.Type == CommandType.Emergency)
            {
                issued++;
                if (sampleAt.Contains(issued))
                {
                    samples.Add((issued, kiosk.ResidentMiB()));
                }
            }

            if (answered == tickets * 2)
            {
                return;
            }
        }
    });

    // Emergency (a ticket called at once at this counter) then serve, so the counter is free for the next one.
    var silence = TimeSpan.FromSeconds(60);
    async Task SendAsync(CounterCommandMessage command)
    {
        if (!await window.WaitAsync(silence))
        {
            if (reader.IsFaulted)
            {
                await reader;
            }

            throw new BenchFailure($"the kiosk answered nothing for {silence.TotalSeconds:0} s: {answered} of {tickets * 2} counter commands answered, {issued} tickets issued{(refusal is null ? "" : "; first refusal: " + refusal)}");
        }

        await client.PublishAsync(Command(topics, command), CancellationToken.None);
    }

    for (var i = 0; i < tickets; i++)
    {
        await SendAsync(new CounterCommandMessage { CommandId = $"b-e-{i}", Type = CommandType.Emergency, Service = "UGD" });
        await SendAsync(new CounterCommandMessage { CommandId = $"b-s-{i}", Type = CommandType.Serve });
    }

    if (await Task.WhenAny(reader, Task.Delay(silence)) != reader)
    {
        throw new BenchFailure($"the kiosk answered {answered} of {tickets * 2} counter commands ({issued} tickets issued){(refusal is null ? "" : "; first refusal: " + refusal)}");
    }

    await reader;
    BenchRun.Require(issued == tickets, $"issued {issued} of {tickets} tickets through counter commands{(refusal is null ? "" : "; first refusal: " + refusal)}");
    return (issued, clock.Elapsed, samples);
}

static MqttApplicationMessage Command(SiteTopics topics, CounterCommandMessage command) =>
    new(topics.Command(1), ContractJson.SerializeToUtf8Bytes(command), MqttQos.AtLeastOnce);

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

/// <summary>The bench's site (the kiosk's sample configuration, KioskDevice/appsettings.json, is for pkm-kokop).</summary>
internal static partial class Program
{
    private const string Site = "pkm-kokop";
}
