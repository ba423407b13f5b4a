using Kiosk.Simulator.Web;

namespace Kiosk.Simulator.Tests;

/// <summary>
/// The simulator as `./kiosk.sh run` starts it: private Mosquitto, the real kiosk host, the front panel on a free
/// loopback port, and (when asked) the loket/display host on another free port with every loket page logged in.
/// </summary>
internal sealed class PanelHarness : IAsyncDisposable
{
    private readonly string folder;

    private PanelHarness(string folder, SimulatorSession session, SimulatorScreens? screens, FrontPanel panel, FrontPanelServer server)
    {
        this.folder = folder;
        Session = session;
        Screens = screens;
        Panel = panel;
        Server = server;
    }

    public SimulatorScreens? Screens { get; }

    public SimulatorSession Session { get; }

    public FrontPanel Panel { get; }

    public FrontPanelServer Server { get; }

    public static async Task<PanelHarness> StartAsync(TimeSpan printDuration, bool withScreens = false)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-panel-").FullName;
        var overrides = new Dictionary<string, string>(SimulatorApp.QuietLogs)
        {
            // No double-press lock-out: each click in a test is a new patient, with no waiting between them.
            ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = "0",
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
        };
        var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = folder, Overrides = overrides, PrintDuration = printDuration, CutNetworkOnPowerLoss = true }, CancellationToken.None);
        var screens = withScreens ? await SimulatorScreens.StartAsync(session, port: 0, TextWriter.Null, CancellationToken.None) : null;
        var panel = screens is null ? new FrontPanel(session, screensUrl: null) : new FrontPanel(session, screens);
        await panel.StartAsync(CancellationToken.None);
        var server = await FrontPanelServer.StartAsync(panel, 0, CancellationToken.None);
        return new PanelHarness(folder, session, screens, panel, server);
    }

    /// <summary>Ticket numbers the kiosk has committed today, from its own ticket log.</summary>
    public IReadOnlyList<string> Numbers() => Session.KioskRunning ? Session.Engine.TodayTickets().Select(t => t.Number).ToArray() : [];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Panel.DisposeAsync();
        if (Screens is not null)
        {
            await Screens.DisposeAsync();
        }

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
