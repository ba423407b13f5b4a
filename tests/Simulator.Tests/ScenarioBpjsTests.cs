using System.Text.Json;

namespace Kiosk.Simulator.Tests;

/// <summary>
/// A scenario day played from the front panel with BPJS on: its JKN patients (the BPJS cards its returning patients
/// scan) reach the panel's BPJS double through a bridge of the day's own when their loket sends them on to a poli (the
/// simulator maps its polis, as a site does), each step once and in order per card, before the day's kiosk stops.
/// </summary>
public sealed class ScenarioBpjsTests
{
    [Fact]
    public async Task A_scenario_day_from_the_panel_reports_its_JKN_tickets_to_the_BPJS_double()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withBpjs: true);
        var bpjs = harness.Bpjs!;
        harness.Panel.StartScenario("hari-biasa");

        var text = await ScenarioTextAsync(harness, TimeSpan.FromMinutes(5));
        var received = bpjs.Service.Received;
        Assert.Contains($"BPJS menerima {received.Count} laporan dari hari skenario ini.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tidak terkirim", text, StringComparison.Ordinal);

        // Scanned BPJS cards sent on to a poli were reported: one tambah per card and poli, always the poli's own ticket
        // (U, G, K) under its poli's code, never the registration loket's number; a panggil or batal only after its tambah.
        var adds = received.Where(r => r.Kind == "add").ToList();
        Assert.NotEmpty(adds);
        Assert.All(adds, a => Assert.StartsWith("000", a.NomorKartu, StringComparison.Ordinal));
        var poliOfPrefix = new Dictionary<string, string>(StringComparer.Ordinal) { ["U"] = "001", ["G"] = "002", ["K"] = "003" };
        Assert.All(adds, a => Assert.Equal(poliOfPrefix.GetValueOrDefault(a.NomorAntrean!.Split('-')[0]), a.KodePoli));
        Assert.Equal(adds.Count, adds.Select(a => (a.KodePoli, a.NomorKartu)).Distinct().Count());
        foreach (var step in received.Where(r => r.Kind is "panggil" or "batal"))
        {
            Assert.Contains(adds, a => a.NomorKartu == step.NomorKartu && a.KodePoli == step.KodePoli && a.Sequence < step.Sequence);
        }

        Assert.Contains(received, r => r.Kind == "panggil");
    }

    /// <summary>The scenario report as the page gets it from /api/state, once the day is over.</summary>
    private static async Task<string> ScenarioTextAsync(PanelHarness harness, TimeSpan bound)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var limit = new CancellationTokenSource(bound);
        while (true)
        {
            using (var state = JsonDocument.Parse(await client.GetStringAsync(new Uri(harness.Server.Address, "api/state"), limit.Token)))
            {
                if (state.RootElement.GetProperty("scenario") is { ValueKind: JsonValueKind.Object } scenario && !scenario.GetProperty("running").GetBoolean())
                {
                    var text = scenario.GetProperty("text").GetString() ?? string.Empty;
                    Assert.True(scenario.GetProperty("ok").GetBoolean(), text);
                    return text;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), limit.Token);
        }
    }
}
