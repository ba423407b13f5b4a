using Kiosk.Simulator.Scenarios;

namespace Kiosk.Simulator.Tests;

/// <summary>hari-biasa through the real stack (Mosquitto, kiosk host, lokets over MQTT) on the simulated clock.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public async Task Hari_biasa_keeps_every_invariant_and_its_recap_adds_up()
    {
        var scenario = Scenario.Load(Scenario.Resolve("hari-biasa"));
        var folder = Directory.CreateTempSubdirectory("kiosk-scenario-test-").FullName;
        using var output = new StringWriter();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var report = await new ScenarioRunner(scenario, output).RunAsync(folder, timeout.Token);
            var text = report.Render();

            Assert.True(report.BrokenInvariants.Count == 0, text);
            Assert.Equal(120, report.Patients);

            // Every patient either holds a number or went home after the printer kept refusing.
            Assert.Equal(report.Patients, report.TicketsPrinted + report.PrintFailures + report.WentHome);

            // The kiosk's recap counts the same tickets: the printed ones, the failed one (reprinted or voided), the emergency.
            Assert.Equal(report.TicketsPrinted + report.PrintFailures + scenario.Emergencies.Count, report.Recap.Issued);
            Assert.Equal(scenario.Emergencies.Count, report.Recap.Emergency);
            Assert.Equal(report.Recap.Transferred, report.Recap.Services.Where(s => s.IsPoli).Sum(s => s.Issued - s.Emergency));
            Assert.Equal(0, report.WaitingAtEnd);
            Assert.Equal(report.EventsCommitted, report.EventsReceived);
            Assert.True(report.Refusals > 0, "the paper-out fault refused some presses");
            Assert.Contains("Invarian: semua terpenuhi", text, StringComparison.Ordinal);

            // The run crosses the kiosk's closing time: the kiosk closed the day itself, wrote the recap and sent it.
            var close = Assert.IsType<DayCloseOutcome>(report.DayClose);
            Assert.True(close.DayClosed, text);
            Assert.True(File.Exists(close.RecapFile), text);
            Assert.True(close.RecapEventsCommitted >= 1 && close.RecapEventsReceived == close.RecapEventsCommitted, text);
            Assert.Contains("Rekap kiosk setelah tutup hari", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_scenario_with_a_bad_field_is_refused_naming_the_field()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("kiosk-scenario-bad-").FullName, "rusak.json");
        File.WriteAllText(file, """{ "name": "rusak", "arrivals": [ { "from": "09:00", "to": "08:00", "button": "umum", "perHour": 10 } ], "noShowRate": 2 }""");

        var error = Assert.Throws<ScenarioException>(() => Scenario.Load(file));

        Assert.Contains("arrivals[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("noShowRate", error.Message, StringComparison.Ordinal);
    }
}
