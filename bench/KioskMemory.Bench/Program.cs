using System.Globalization;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Topics;
using Kiosk.Memory.Bench;

// ./kiosk.sh bench memory [tickets] [per-day] [--smoke] [--allocations] [--property NAME=VALUE ...] [--env NAME=VALUE ...]
// The kiosk's memory over a month of a busy Puskesmas: the real kiosk host in its own process (simulated buttons, the
// printer's real device transport on /dev/null, a real Mosquitto on loopback), its clock moved through business days
// (Monday to Saturday, ~400 tickets a day from 07:15, each called and served at Loket 3, the day closed and the next
// opened), its RSS, peak, GC heap and GC committed after start and after every 1,000 tickets, against a bare Generic
// Host worker started the same way in the same run. --property NAME=VALUE adds a runtimeconfig property to the kiosk's
// own (System.GC.ConserveMemory=5), --env NAME=VALUE a variable for the kiosk only: a runtime setting tried without
// rebuilding, measured the way it would ship. --allocations: which types the bytes per ticket go to (the runtime's
// allocation sampling, listened to in the kiosk; it allocates itself, so its memory figures are not the kiosk's).
if (args is [KioskChild.Switch, .. var hostArgs])
{
    return await KioskChild.RunAsync(hostArgs);
}

return await BenchRun.RunAsync("KioskMemory.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var kioskEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
    var kioskProperties = new Dictionary<string, string>(StringComparer.Ordinal);
    var positional = new List<string>();
    var settings = BenchRun.Settings(args);
    var allocations = settings.Contains("--allocations");
    settings = settings.Where(s => s != "--allocations").ToArray();
    if (allocations)
    {
        kioskEnvironment[KioskChild.SamplerVariable] = "1";
    }

    for (var i = 0; i < settings.Length; i++)
    {
        if (settings[i] == "--env" && i + 1 < settings.Length && settings[i + 1].Split('=', 2) is [var name, var value])
        {
            kioskEnvironment[name] = value;
            i++;
        }
        else if (settings[i] == "--property" && i + 1 < settings.Length && settings[i + 1].Split('=', 2) is [var property, var setting])
        {
            kioskProperties[property] = setting;
            i++;
        }
        else
        {
            positional.Add(settings[i]);
        }
    }

    var tickets = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : smoke ? 40 : 10_000;
    var perDay = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : smoke ? 20 : 400;
    var sampleEvery = smoke ? 20 : 1_000;
    BenchRun.Require(tickets >= 1 && perDay is >= 1 and <= 540, "tickets must be at least 1 and per-day between 1 and 540 (UMUM and BPJS have a daily cap of 300)");

    const string Site = "pkm-kokop";
    var topics = new SiteTopics(Site);
    await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 6 });
    var data = Directory.CreateTempSubdirectory("kiosk-memory-").FullName;
    var baseDirectory = AppContext.BaseDirectory;

    using var bare = Worker.StartUntilReady([Path.Combine(baseDirectory, "Kiosk.BareWorker.dll")], new Dictionary<string, string>());
    var kioskRole = broker.For(BrokerRoles.Kiosk);
    kioskEnvironment["Kiosk__Mqtt__Password"] = kioskRole.Password;

    // The kiosk's own runtimeconfig (its GC settings as shipped), the bench's assembly for the child mode's clock.
    using var kiosk = Worker.StartUntilReady(
    [
        "exec", "--runtimeconfig", RuntimeConfig(Path.Combine(baseDirectory, "Kiosk.Device.runtimeconfig.json"), kioskProperties, data), Path.Combine(baseDirectory, "Kiosk.Memory.Bench.dll"),
        KioskChild.Switch,
        $"--Kiosk:Mqtt:Port={broker.Port}",
        "--Kiosk:Hardware:Kind=simulated",
        // The panel keeps its own virtual time, not the moved clock: no lock-out between the bench's presses.
        "--Kiosk:Hardware:ButtonLockoutMilliseconds=0",
        "--Kiosk:Printer:Transport=device",
        "--Kiosk:Printer:Device=/dev/null",
        "--Kiosk:Reader:Kind=none",
        $"--Kiosk:DataDirectory={data}",
    ], kioskEnvironment);

    await using var loket = await Loket.ConnectAsync(broker, topics, 3);
    var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    var (bareRss, bareHwm) = Memory.Resident(bare.Id);
    var day = NextMonday(zone);
    var issued = 0;
    var dayOfMonth = 0;
    Sample? start = null;
    var startMappings = Memory.ByMapping(kiosk.Id);
    var buttons = new Random(25);
    while (issued < tickets)
    {
        dayOfMonth++;
        await OpenDayAsync(kiosk, day);
        for (var k = 0; k < perDay && issued < tickets; k++)
        {
            var at = day + TimeSpan.FromHours(7.25) + TimeSpan.FromSeconds(k * 4.5 * 3600 / perDay);
            await kiosk.AskAsync($"at {at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
            var outcome = await kiosk.AskAsync($"press {Button(buttons)}");
            BenchRun.Require(outcome.StartsWith("Printed ", StringComparison.Ordinal), $"ticket {issued + 1} (day {dayOfMonth}) not printed: {outcome}");
            await loket.SendAsync(CommandType.CallNext, at);
            await loket.SendAsync(CommandType.Serve, at + TimeSpan.FromSeconds(20));
            issued++;
            // "After start": once READY and the first ticket (its issue, print and command paths compiled).
            if (start is null)
            {
                start = await SampleAsync(kiosk, 1);
                startMappings = Memory.ByMapping(kiosk.Id);
                Console.WriteLine($"bare worker after start   RSS {bareRss,6:0.0} MiB  peak {bareHwm,6:0.0} MiB  READY after {bare.ToReady.TotalMilliseconds:0} ms (kiosk {kiosk.ToReady.TotalMilliseconds:0} ms)");
                Console.WriteLine($"kiosk after start (1 ticket) {start.Line(start, bareRss)}");
            }

            if (issued % sampleEvery == 0)
            {
                var sample = await SampleAsync(kiosk, issued);
                Console.WriteLine($"kiosk after {issued,6} tickets (day {dayOfMonth,2}) {sample.Line(start, bareRss)}");
            }
        }

        // After the last patient: the closing time passes (local midnight at the latest) and the day closes with its recap.
        await kiosk.AskAsync($"at {(day + TimeSpan.FromHours(23.9)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
        await kiosk.AskAsync("check");
        day = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? 2 : 1);
        day = new DateTimeOffset(day.Date, zone.GetUtcOffset(day.Date));
    }

    var end = await SampleAsync(kiosk, issued);
    var (bareRssEnd, _) = Memory.Resident(bare.Id);
    Console.WriteLine($"bare worker at the end    RSS {bareRssEnd,6:0.0} MiB");
    Console.WriteLine($"kiosk growth after {issued} tickets over {dayOfMonth} days: RSS {end.Rss - start!.Rss:+0.0;-0.0} MiB (goal within 5), GC heap {end.Heap - start.Heap:+0.0;-0.0} MiB, GC committed {end.Committed - start.Committed:+0.0;-0.0} MiB");
    var endMappings = Memory.ByMapping(kiosk.Id);
    Console.WriteLine("kiosk resident memory by mapping (MiB)        after start   at the end   growth");
    foreach (var kind in startMappings.Keys.Union(endMappings.Keys).Order(StringComparer.Ordinal))
    {
        var before = startMappings.GetValueOrDefault(kind);
        var after = endMappings.GetValueOrDefault(kind);
        Console.WriteLine($"  {kind,-44} {before,10:0.0} {after,12:0.0} {after - before,8:+0.0;-0.0}");
    }

    Console.WriteLine($"  {"(GC committed, inside anonymous)",-44} {start.Committed,10:0.0} {end.Committed,12:0.0} {end.Committed - start.Committed,8:+0.0;-0.0}");
    Console.WriteLine($"  {"(SQLite's malloc, inside brk heap/anonymous)",-44} {start.Sqlite,10:0.0} {end.Sqlite,12:0.0} {end.Sqlite - start.Sqlite,8:+0.0;-0.0}");
    if (allocations)
    {
        Console.WriteLine($"kiosk allocated {end.Allocated / issued * 1024:0} KiB a ticket; sampled by type (MiB): {await kiosk.AskAsync("allocations")}");
    }

    Directory.Delete(data, recursive: true);
    return 0;
});

// The kiosk's runtimeconfig as built, plus the properties asked for, in the run's own folder.
static string RuntimeConfig(string shipped, IReadOnlyDictionary<string, string> properties, string folder)
{
    if (properties.Count == 0)
    {
        return shipped;
    }

    var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(shipped))!;
    var options = config["runtimeOptions"]!.AsObject();
    if (options["configProperties"] is not System.Text.Json.Nodes.JsonObject configProperties)
    {
        configProperties = [];
        options["configProperties"] = configProperties;
    }

    foreach (var (name, value) in properties)
    {
        configProperties[name] = bool.TryParse(value, out var flag) ? flag : long.TryParse(value, CultureInfo.InvariantCulture, out var number) ? number : value;
    }

    var path = Path.Combine(folder, "Kiosk.Device.runtimeconfig.json");
    File.WriteAllText(path, config.ToJsonString());
    Console.WriteLine($"kiosk runtimeconfig properties: {configProperties.ToJsonString()}");
    return path;
}

static async Task OpenDayAsync(Worker kiosk, DateTimeOffset day)
{
    // 07:00: the day check runs before the doors open, as the kiosk's 20 s loop would.
    await kiosk.AskAsync($"at {(day + TimeSpan.FromHours(7)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
    await kiosk.AskAsync("check");
}

static async Task<Sample> SampleAsync(Worker kiosk, int tickets)
{
    var gc = (await kiosk.AskAsync("gc")).Split(' ');
    var (rss, hwm) = Memory.Resident(kiosk.Id);
    return new Sample(tickets, rss, hwm, Mib(gc[1]), Mib(gc[2]), Mib(gc[3]), int.Parse(gc[4], CultureInfo.InvariantCulture), int.Parse(gc[5], CultureInfo.InvariantCulture), Mib(gc[6]), Mib(gc[7]));
}

static double Mib(string bytes) => long.Parse(bytes, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;

// A busy Puskesmas's mix: most patients BPJS or general, a few elderly, pregnant or disabled with priority.
static string Button(Random random) => random.Next(100) switch
{
    < 40 => "umum",
    < 85 => "bpjs",
    < 95 => "lansia",
    < 98 => "hamil",
    _ => "disabilitas",
};

static DateTimeOffset NextMonday(TimeZoneInfo zone)
{
    var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(1);
    while (today.DayOfWeek != DayOfWeek.Monday)
    {
        today = today.AddDays(1);
    }

    return new DateTimeOffset(today, zone.GetUtcOffset(today));
}

/// <summary>One reading of the kiosk's memory: kernel (RSS, peak) and the GC's own (heap after the last GC, committed).</summary>
internal sealed record Sample(int Tickets, double Rss, double Peak, double Heap, double Committed, double Allocated, int Gen0, int Gen2, double Sqlite, double SqlitePeak)
{
    public string Line(Sample start, double bareRss) =>
        $"RSS {Rss,6:0.0} MiB  peak {Peak,6:0.0} MiB  GC heap {Heap,5:0.0} MiB  GC committed {Committed,5:0.0} MiB  allocated {Allocated,7:0} MiB  GCs {Gen0,5}/{Gen2,3}  SQLite {Sqlite,4:0.0} MiB (peak {SqlitePeak,4:0.0})  ratio to bare {Rss / bareRss:0.00}  growth {Rss - start.Rss:+0.0;-0.0} MiB";
}
