using System.Globalization;
using Kiosk.Simulator.Web;

namespace Kiosk.Simulator.Tests;

/// <summary>The simulator as `./kiosk.sh run` starts it: private Mosquitto, the real kiosk host, the front panel on a free loopback port.</summary>
internal sealed class PanelHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string folder;

    private PanelHarness(string folder, SimulatorSession session, FrontPanel panel, FrontPanelServer server)
    {
        this.folder = folder;
        Session = session;
        Panel = panel;
        Server = server;
    }

    public SimulatorSession Session { get; }

    public FrontPanel Panel { get; }

    public FrontPanelServer Server { get; }

    public static async Task<PanelHarness> StartAsync(TimeSpan printDuration)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-panel-").FullName;
        var overrides = new Dictionary<string, string>(SimulatorApp.QuietLogs)
        {
            // No double-press lock-out: each click in a test is a new patient, with no waiting between them.
            ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = "0",
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
        };
        var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = folder, Overrides = overrides, PrintDuration = printDuration }, CancellationToken.None);
        var panel = new FrontPanel(session, screensUrl: null);
        await panel.StartAsync(CancellationToken.None);
        var server = await FrontPanelServer.StartAsync(panel, 0, CancellationToken.None);
        return new PanelHarness(folder, session, panel, server);
    }

    /// <summary>Ticket numbers the kiosk has committed today, from its own ticket log.</summary>
    public IReadOnlyList<string> Numbers() => Session.KioskRunning ? Session.Engine.TodayTickets().Select(t => t.Number).ToArray() : [];

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Timed out waiting until {what}."));
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Panel.DisposeAsync();
        await Session.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
