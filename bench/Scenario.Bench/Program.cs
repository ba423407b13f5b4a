using System.Globalization;
using Kiosk.Simulator;
using Kiosk.Simulator.Scenarios;

// ./kiosk.sh bench scenario [name] [--smoke]: one scenario day (default hari-sibuk) through the real stack, on the
// simulated clock, in this process: a private Mosquitto, the kiosk host on simulated hardware, every loket as its own
// MQTT user. Goal: hari-sibuk in <= 2 minutes on the 2-core development machine. Memory is this process's resident set
// at the end of the day: the kiosk host plus the runner, its 9 loket clients and the observer.
// --smoke: hari-biasa's first 20 minutes of arrivals, its emergency and its day close, without its printer faults and
// broker outage: the whole stack in seconds.
return await BenchRun.RunAsync("Scenario.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var settings = BenchRun.Settings(args);
    var name = settings.Length > 0 ? settings[0] : smoke ? "hari-biasa" : "hari-sibuk";
    var scenario = Scenario.Load(Scenario.Resolve(name));
    if (smoke)
    {
        var start = scenario.Arrivals.Min(w => w.From) ?? "07:30";
        scenario.Arrivals = scenario.Arrivals.Where(w => w.From == start).ToList();
        foreach (var wave in scenario.Arrivals)
        {
            wave.To = TimeOnly.Parse(start, CultureInfo.InvariantCulture).AddMinutes(20).ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        scenario.PrinterFaults = [];
        scenario.BrokerOutages = [];
    }

    foreach (var (key, value) in SimulatorApp.QuietLogs)
    {
        scenario.Settings.TryAdd(key, value);
    }

    var folder = Directory.CreateTempSubdirectory($"kiosk-bench-{name}-").FullName;
    try
    {
        var report = await new ScenarioRunner(scenario, Console.Out).RunAsync(folder, CancellationToken.None);
        Console.Write(report.Render());
        BenchRun.Require(report.Patients > 0 && report.EventsCommitted > 0 && report.Commands > 0,
            $"the day of {name} had {report.Patients} patients, {report.EventsCommitted} events and {report.Commands} counter commands");
        var goal = TimeSpan.FromMinutes(2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH {name}{(smoke ? " (smoke)" : "")}: {report.Patients} patients, {report.EventsCommitted} events in {report.WallTime.TotalSeconds:0.0} s = {report.EventsPerSecond:0} events/s, {report.Commands} counter commands, memory at end of day {report.KioskMemoryBytes / 1048576.0:0.0} MiB; goal <= {goal.TotalSeconds:0} s: {(report.WallTime <= goal ? "met" : "NOT met")}; invariants broken: {report.BrokenInvariants.Count}"));
        BenchRun.Require(report.BrokenInvariants.Count == 0, $"{report.BrokenInvariants.Count} invariants broken (listed above)");
        return 0;
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
});
