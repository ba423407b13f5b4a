using System.Globalization;
using System.Text.Json;
using Kiosk.Screens.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// A large Puskesmas for the display tests: kiosk settings that make the sample configuration's counters and polis up
/// to any count, and a burst of calls from several lokets through their HTTP API, each with the time of its click.
/// </summary>
internal static class BusySite
{
    /// <summary>The kiosk buttons that make a ticket some loket can call (UMUM, BPJS and PRIO), used in turn.</summary>
    public static readonly string[] Buttons = ["umum", "bpjs", "lansia", "hamil", "disabilitas"];

    // The sample appsettings.json has 6 counters and 3 services + 8 polis; these come after them.
    private const int SampleCounters = 6;
    private const int SampleQueues = 11;
    private static readonly (string Code, string Prefix, string Name)[] ExtraPolis =
    [
        ("P-LAB", "L", "Laboratorium"), ("P-FARMASI", "F", "Farmasi"), ("P-KESLING", "S", "Kesehatan Lingkungan"),
        ("P-PSIKO", "P", "Psikologi"), ("P-FISIO", "R", "Fisioterapi"), ("P-LANSIA", "N", "Poli Lansia"),
        ("P-JIWA", "J", "Kesehatan Jiwa"), ("P-PKPR", "V", "Poli Remaja"), ("P-KB", "O", "Konseling KB"),
    ];

    /// <summary>
    /// Counters 1..<paramref name="counters"/> and <paramref name="queues"/> services and polis in all. Counters 4 and up are
    /// registration lokets (UMUM, BPJS, PRIO) named "Loket N"; 1-3 and the sample's poli rooms keep their names.
    /// </summary>
    public static Dictionary<string, string> Kiosk(int counters, int queues)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 3; i < counters; i++)
        {
            // Counters 5 and 6 (the sample's poli rooms) keep their names, one of them long, and also take registrations.
            var key = $"Queue:Counters:{i.ToString(CultureInfo.InvariantCulture)}";
            var id = (i + 1).ToString(CultureInfo.InvariantCulture);
            settings[$"{key}:Id"] = id;
            if (i is 3 or >= SampleCounters)
            {
                settings[$"{key}:Name"] = $"Loket {id}";
            }

            settings[$"{key}:Services:0"] = "UMUM";
            settings[$"{key}:Services:1"] = "BPJS";
            settings[$"{key}:Services:2"] = "PRIO";
            if (i is 4 or 5)
            {
                settings[$"{key}:Services:3"] = i == 4 ? "P-GIGI" : "P-KIA";
            }
        }

        for (var i = 0; i < queues - SampleQueues; i++)
        {
            var key = $"Queue:Polis:{(8 + i).ToString(CultureInfo.InvariantCulture)}";
            settings[$"{key}:Code"] = ExtraPolis[i].Code;
            settings[$"{key}:Prefix"] = ExtraPolis[i].Prefix;
            settings[$"{key}:Name"] = ExtraPolis[i].Name;
            settings[$"{key}:SopTarget"] = "00:15:00";
        }

        return settings;
    }

    /// <summary>Patients press the kiosk's buttons in turn until <paramref name="count"/> tickets are printed.</summary>
    public static async Task<List<string>> TicketsAsync(ScreensHarness harness, int count)
    {
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add(await harness.PressAsync(Buttons[i % Buttons.Length]));
        }

        // A press is answered when its ticket is numbered; only a printed ticket can be called (a loaded machine prints later).
        await Eventually.TrueAsync(
            () => harness.Kiosk.Engine.TodayTickets().Count(t => t.PrintState == global::Kiosk.Contract.PrintState.Printed) >= numbers.Count,
            $"{numbers.Count} tickets are printed");
        return numbers;
    }

    /// <summary>Each loket's officer logged in (one HTTP session per loket, as its page has).</summary>
    public static async Task<HttpClient[]> LoginAsync(ScreensHarness harness, int counters)
    {
        var clients = new HttpClient[counters];
        for (var counter = 1; counter <= counters; counter++)
        {
            clients[counter - 1] = harness.NewClient();
            using var login = await ScreensHarness.LoginAsync(clients[counter - 1], counter, harness.Password(counter));
            Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        }

        return clients;
    }

    /// <summary>
    /// Every loket at once calls <paramref name="callsPerCounter"/> patients one after another (call, serve, call...), as
    /// fast as the kiosk answers. Returns each call's number and the wall-clock time (Unix ms) its click was sent.
    /// </summary>
    public static async Task<List<(string Number, double ClickedAt)>> BurstAsync(HttpClient[] lokets, int callsPerCounter)
    {
        var calls = await Task.WhenAll(lokets.Select(async (client, index) =>
        {
            var counter = index + 1;
            var mine = new List<(string, double)>();
            for (var call = 0; call < callsPerCounter; call++)
            {
                if (call > 0)
                {
                    var (_, served) = await ScreensHarness.CommandAsync(client, counter, new { commandId = ScreensHarness.NewId(), type = "serve" });
                    Assert.True(served.GetProperty("ok").GetBoolean(), served.ToString());
                }

                var clickedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var (_, reply) = await ScreensHarness.CommandAsync(client, counter, new { commandId = ScreensHarness.NewId(), type = "call-next" });
                Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
                mine.Add((reply.GetProperty("ticket").GetProperty("number").GetString()!, (double)clickedAt));
            }

            return mine;
        }));
        return calls.SelectMany(c => c).ToList();
    }

    /// <summary>What the display's page logged for each call it drew (window.layarShown).</summary>
    public static ShownCall[] Shown(string json) => JsonSerializer.Deserialize<ShownCall[]>(json, WebJson)!;

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    internal sealed record ShownCall(string Id, string Number, string Text, string[] Clips, string? Audio, string? CalledAt, double ReceivedAt, double ShownAt, bool? Spoken, double? SpokenAt);
}
