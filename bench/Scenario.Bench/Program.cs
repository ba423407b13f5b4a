using System.Globalization;
using Kiosk.Simulator;
using Kiosk.Simulator.Scenarios;

// ./kiosk.sh bench scenario [name]: one scenario day (default hari-sibuk) through the real stack, on the simulated
// clock, in this process: a private Mosquitto, the kiosk host on simulated hardware, every loket as its own MQTT user.
// Goal: hari-sibuk in <= 2 minutes on the 2-core development machine. Memory is this process's resident set at the
// end of the day: the kiosk host plus the runner, its 9 loket clients and the observer.
var name = args.Length > 0 ? args[0] : "hari-sibuk";
var scenario = Scenario.Load(Scenario.Resolve(name));
foreach (var (key, value) in SimulatorApp.QuietLogs)
{
    scenario.Settings.TryAdd(key, value);
}

var folder = Directory.CreateTempSubdirectory($"kiosk-bench-{name}-").FullName;
try
{
    var report = await new ScenarioRunner(scenario, Console.Out).RunAsync(folder, CancellationToken.None);
    Console.Write(report.Render());
    var goal = TimeSpan.FromMinutes(2);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"BENCH {name}: {report.Patients} patients, {report.EventsCommitted} events in {report.WallTime.TotalSeconds:0.0} s = {report.EventsPerSecond:0} events/s, {report.Commands} counter commands, memory at end of day {report.KioskMemoryBytes / 1048576.0:0.0} MiB; goal <= {goal.TotalSeconds:0} s: {(report.WallTime <= goal ? "met" : "NOT met")}; invariants broken: {report.BrokenInvariants.Count}"));
    return report.BrokenInvariants.Count == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}
