using Kiosk.Simulator.Bpjs;
using Kiosk.Simulator.Devices;
using Kiosk.Simulator.Web;
using Microsoft.Data.Sqlite;

namespace Kiosk.Simulator.Tests;

/// <summary>
/// The simulator as `./kiosk.sh run` starts it: private Mosquitto, the real kiosk host, the front panel on a free
/// loopback port, and (when asked) the loket/display host on another free port with every loket page logged in.
/// </summary>
internal sealed class PanelHarness : IAsyncDisposable
{
    private readonly string folder;

    private PanelHarness(string folder, SimulatorSession session, SimulatorScreens? screens, SimulatedBpjs? bpjs, FrontPanel panel, FrontPanelServer server)
    {
        this.folder = folder;
        Bpjs = bpjs;
        Session = session;
        Screens = screens;
        Panel = panel;
        Server = server;
    }

    /// <summary>The sample appsettings.json's zone.</summary>
    public const string SiteTimeZone = "Asia/Jakarta";

    public SimulatorScreens? Screens { get; }

    /// <summary>The BPJS double and bridge, when asked for (<c>withBpjs</c>), as <c>./kiosk.sh run</c> has them.</summary>
    public SimulatedBpjs? Bpjs { get; }

    public SimulatorSession Session { get; }

    public FrontPanel Panel { get; }

    public FrontPanelServer Server { get; }

    /// <param name="kioskInChildProcess">The kiosk in its own process, as <c>./kiosk.sh run</c> has it, so a power cut kills it.</param>
    /// <param name="clockAt">
    /// The kiosk's clock starts at this local time today (the site's zone; 08:00 unless given), whatever the machine's
    /// time: the panel's day closes at 16:00, and a test run in the evening must still find the day open.
    /// </param>
    /// <param name="lockout">The button lock-out; none by default, so each click in a test is a new patient.</param>
    public static async Task<PanelHarness> StartAsync(TimeSpan printDuration, bool withScreens = false, bool kioskInChildProcess = false, TimeOnly? clockAt = null, TimeSpan? lockout = null, bool withBpjs = false)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-panel-").FullName;
        var overrides = new Dictionary<string, string>(SimulatorApp.QuietLogs)
        {
            // No double-press lock-out unless asked: each click in a test is a new patient, with no waiting between them.
            ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = ((int)(lockout ?? TimeSpan.Zero).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
        };
        var clock = new SimulatorClock();
        clock.MoveTo(clock.Local(clockAt ?? new TimeOnly(8, 0), TimeZoneInfo.FindSystemTimeZoneById(SiteTimeZone)));

        // The front panel's own closing time, as `./kiosk.sh run` starts it.
        var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = folder, Overrides = overrides, PrintDuration = printDuration, CutNetworkOnPowerLoss = true, KioskInChildProcess = kioskInChildProcess, Clock = clock, DefaultDayCloseTime = SimulatorApp.PanelDayCloseTime }, CancellationToken.None);
        var screens = withScreens ? await SimulatorScreens.StartAsync(session, port: 0, TextWriter.Null, CancellationToken.None) : null;
        var bpjs = withBpjs ? await SimulatedBpjs.StartAsync(session.Broker, folder, CancellationToken.None) : null;
        var panel = screens is null ? new FrontPanel(session, screensUrl: null, bpjs) : new FrontPanel(session, screens, bpjs);
        await panel.StartAsync(CancellationToken.None);
        var server = await FrontPanelServer.StartAsync(panel, 0, CancellationToken.None);
        return new PanelHarness(folder, session, screens, bpjs, panel, server);
    }

    /// <summary>Ticket numbers the kiosk has committed today, from its own ticket log.</summary>
    public IReadOnlyList<string> Numbers()
    {
        if (Session.KioskProcess is null)
        {
            return Session.KioskRunning ? Session.Engine.TodayTickets().Select(t => t.Number).ToArray() : [];
        }

        // The kiosk's engine lives in its own process: read its ticket log file as a second reader (WAL allows it).
        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "kiosk.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(database.ToString());
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT number FROM tickets WHERE day = (SELECT max(day) FROM business_days) ORDER BY queue_key";
        using var reader = query.ExecuteReader();
        var numbers = new List<string>();
        while (reader.Read())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Panel.DisposeAsync();
        if (Bpjs is not null)
        {
            await Bpjs.DisposeAsync();
        }
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
