using System.Globalization;
using System.Text;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Device.Devices;
using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Printing.Rendering;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Mqtt;
using Kiosk.Simulator.Bpjs;
using Kiosk.Simulator.Devices;
using Kiosk.Simulator.Messaging;
using Kiosk.Simulator.Scenarios;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Web;

/// <summary>
/// What the browser front panel shows and does, apart from HTTP: follows the kiosk's lamps, buzzer, printer and
/// front-panel activity across power cuts, keeps the paper roll and the two message views (as the display and as
/// loket 1 receive them), and carries out the panel's switches. Everything a person reads is Bahasa Indonesia.
/// </summary>
public sealed class FrontPanel : IAsyncDisposable
{
    public const int RollLength = 30;
    public const int ViewLength = 150;
    private readonly SimulatorSession session;
    private readonly Lock gate = new();
    private readonly LinkedList<object> roll = new();
    private readonly Dictionary<string, LinkedList<object>> views = new(StringComparer.Ordinal) { ["display"] = new(), ["loket1"] = new() };
    private readonly LinkedList<object> activity = new();
    private readonly Dictionary<int, CounterDesk> desks = [];
    private readonly SemaphoreSlim desksGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private SimulatedPrinterTransport? wiredPrinter;
    private IMqttClient? display;
    private Task displayReading = Task.CompletedTask;
    private Task ticking = Task.CompletedTask;
    private bool printing;
    private bool buzzer;
    private int waiting;
    private Task scenarioRun = Task.CompletedTask;
    private object? scenarioResult;

    private readonly SimulatorScreens? screens;
    private readonly SimulatedBpjs? bpjs;
    private (int Requests, int Waiting, bool Cut)? bpjsShown;

    /// <summary>
    /// A panel whose loket pages come from a screens host started elsewhere (the officer logs in by hand), or none;
    /// with <paramref name="bpjs"/>, its BPJS section shows what BPJS received and cuts the internet.
    /// </summary>
    public FrontPanel(SimulatorSession session, Uri? screensUrl, SimulatedBpjs? bpjs = null)
    {
        this.session = session;
        this.bpjs = bpjs;
        ScreensUrl = screensUrl;
        Events = new PanelEvents();
    }

    /// <summary>A panel with the simulator's own screens host: every loket page opens logged in.</summary>
    public FrontPanel(SimulatorSession session, SimulatorScreens screens, SimulatedBpjs? bpjs = null)
        : this(session, (screens ?? throw new ArgumentNullException(nameof(screens))).Address, bpjs)
    {
        this.screens = screens;
    }

    public PanelEvents Events { get; }

    public Uri? ScreensUrl { get; }

    public SimulatorSession Session => session;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        session.KioskStarted += (_, _) => WireKiosk();
        session.KioskStopped += (_, _) => OnKioskStopped();
        WireKiosk();
        display = await RoleConnection.ConnectAsync(session.Broker, BrokerRoles.Display, $"panel-display-{Environment.ProcessId}", RoleConnection.ReadableTopics(session.Site, BrokerRoles.Display), cancellationToken);
        displayReading = Task.Run(() => ReadDisplayAsync(display), CancellationToken.None);
        var desk = await DeskAsync(1, cancellationToken);
        _ = desk;
        ticking = Task.Run(TickAsync, CancellationToken.None);
    }

    /// <summary>Everything a page needs to draw itself from scratch; later changes come by SSE.</summary>
    public object Snapshot()
    {
        var front = session.Front;
        lock (gate)
        {
            return new
            {
                site = session.Site,
                siteName = front?.SiteName,
                kiosk = front is not null,
                buttons = front?.Buttons.Select(b => new { id = b.Id, label = b.Label, lit = front.LampLit(KioskSignals.ButtonLamp(b.Id)) }).ToArray() ?? [],
                problem = front?.LampLit(KioskSignals.ProblemLamp) ?? false,
                buzzer,
                printing,
                waiting,
                printer = PrinterStates.Name(session.Printer.State),
                paper = session.PaperWidthMm,
                clock = ClockText(),
                dayClose = ClosingText(),
                broker = BrokerInfo(),
                counters = Enumerable.Range(1, session.Broker.CounterCount).ToArray(),
                screens = ScreensUrl?.ToString().TrimEnd('/'),
                loketsLoggedIn = screens is not null,
                roll = roll.ToArray(),
                views = views.ToDictionary(v => v.Key, v => v.Value.ToArray()),
                activity = activity.ToArray(),
                scenarios = Scenario.Shipped().ToArray(),
                scenario = scenarioResult,
                bpjs = BpjsSection(),
            };
        }
    }

    public void Press(string buttonId)
    {
        var kiosk = KioskOrThrow();
        if (!kiosk.Buttons.Any(b => b.Id == buttonId))
        {
            throw new PanelException(SimulatorTeks.Panel.NoSuchButton(buttonId));
        }

        kiosk.Press(buttonId);
    }

    public void Scan(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            throw new PanelException(SimulatorTeks.Panel.ScanEmptyOrTooLong);
        }

        KioskOrThrow().Scan(text);
    }

    public void SetPrinter(string name)
    {
        if (name == PrinterStates.FailNextJob)
        {
            session.Printer.FailNextJob(PrintFailureKind.Disconnected, SimulatorTeks.Panel.CablePulled);
            Note(SimulatorTeks.Panel.FromPrinter, SimulatorTeks.Panel.NextTicketFails);
            return;
        }

        var state = PrinterStates.Parse(name) ?? throw new PanelException(SimulatorTeks.Panel.UnknownPrinterState(name));
        session.SetPrinter(state);
        Note(SimulatorTeks.Panel.FromPrinter, SimulatorTeks.Panel.PrinterNow(PrinterStates.Label(state)));
        PublishStatus();
    }

    public async Task ChangePaperAsync(int widthMm)
    {
        if (widthMm is not (58 or 80))
        {
            throw new PanelException(SimulatorTeks.Panel.PaperWidthsOnly);
        }

        await session.ChangePaperAsync(widthMm);
        Note(SimulatorTeks.Panel.FromPrinter, SimulatorTeks.Panel.PaperChanged(widthMm));
    }

    public async Task BrokerAsync(bool run)
    {
        if (run && !session.Broker.IsRunning)
        {
            await session.Broker.RestartAsync();
            Note(SimulatorTeks.Panel.FromBroker, SimulatorTeks.Panel.BrokerOn);
        }
        else if (!run && session.Broker.IsRunning)
        {
            await session.Broker.StopAsync();
            Note(SimulatorTeks.Panel.FromBroker, SimulatorTeks.Panel.BrokerOff);
        }

        PublishStatus();
    }

    /// <summary>"Internet putus": BPJS stops answering (the double's down mode) until it is switched back.</summary>
    public void Internet(bool cut)
    {
        var simulated = bpjs ?? throw new PanelException(SimulatorTeks.Panel.NoBpjs);
        if (simulated.InternetCut != cut)
        {
            simulated.InternetCut = cut;
            Note(SimulatorTeks.Panel.FromBpjs, cut ? SimulatorTeks.Panel.InternetCut : SimulatorTeks.Panel.InternetBack);
        }

        PublishBpjs(force: true);
    }

    public async Task KioskPowerAsync(bool on)
    {
        if (on)
        {
            try
            {
                await session.PowerOnAsync();
            }
            catch (KioskPart.KioskProcessException ex)
            {
                // Its last output went to the simulator's terminal; the page gets the one-line reason.
                throw new PanelException(ex.Message.Split('\n')[0]);
            }

            Note(SimulatorTeks.Panel.FromKiosk, SimulatorTeks.Panel.PowerBack);
        }
        else
        {
            await session.CutPowerAsync();
            Note(SimulatorTeks.Panel.FromKiosk, SimulatorTeks.Panel.PowerCut);
        }

        PublishStatus();
    }

    /// <summary>
    /// Sets the kiosk's clock to <paramref name="timeOfDay"/> today, forward or back, or on the next day: a technician
    /// walks a working day. The kiosk, its screens host and the panel's loket desks share the clock, so loket commands
    /// keep working after every jump. Returns what happened, in words the technician reads on the panel.
    /// </summary>
    public string JumpClock(string timeOfDay, bool nextDay = false)
    {
        if (!TimeOnly.TryParseExact(timeOfDay, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new PanelException(SimulatorTeks.Panel.ClockFormat);
        }

        var kiosk = KioskOrThrow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(kiosk.TimeZone);
        var before = TimeZoneInfo.ConvertTime(session.Clock.GetUtcNow(), zone);
        var target = session.Clock.Local(time, zone, nextDay ? 1 : 0);
        session.Clock.MoveTo(target);

        // Now rather than at the kiosk's next check (up to 20 s): the day closes when the clock passes the closing time.
        kiosk.CheckDayCloseNow();
        var message = SimulatorTeks.ClockMoved(TimeOnly.FromDateTime(before.DateTime), TimeZoneInfo.ConvertTime(target, zone), nextDay, ClosingTime());
        Note(SimulatorTeks.Panel.FromClock, message);
        PublishStatus();
        if (nextDay)
        {
            // A loket session ends with its day: the loket frame logs in again on the new day.
            Events.Publish("relogin", new { });
        }

        return message;
    }

    /// <summary>When the kiosk closes its day, or null: at midnight.</summary>
    private TimeOnly? ClosingTime() =>
        TimeOnly.TryParseExact(session.DayCloseTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    private string ClosingText() => SimulatorTeks.ClosingTime(ClosingTime());

    public async Task<string> CounterAsync(int counter, string type, string? poli)
    {
        if (counter < 1 || counter > session.Broker.CounterCount)
        {
            throw new PanelException(SimulatorTeks.Panel.NoSuchCounter(counter, session.Broker.CounterCount));
        }

        if (!CommandReader.TryParseType(type, out var command) || !PanelCommands.Contains(command))
        {
            throw new PanelException(SimulatorTeks.Panel.UnknownCommand(type));
        }

        var desk = await DeskAsync(counter, stopping.Token);
        var fields = command == CommandType.Transfer ? new Dictionary<string, string> { ["poli"] = string.IsNullOrWhiteSpace(poli) ? "P-UMUM" : poli } : null;
        var reply = await desk.SendAsync(command, fields, TimeSpan.FromSeconds(10), stopping.Token);
        var message = reply.Message;
        Note(SimulatorTeks.Panel.FromCounter(counter), message);
        return message;
    }

    /// <summary>
    /// Plays a scenario day as <c>--scenario NAME --headless</c> does: its own private broker, its own kiosk host on
    /// simulated hardware and its own temp data, so the kiosk on this panel keeps its day. One run at a time; the
    /// report (recap, SOP compliance, invariants) comes to the page as a <c>scenario</c> event.
    /// </summary>
    public void StartScenario(string name)
    {
        Scenario scenario;
        try
        {
            scenario = Scenario.Load(Scenario.Resolve(name));
        }
        catch (ScenarioException ex)
        {
            throw new PanelException(ex.Message);
        }

        foreach (var (key, value) in SimulatorApp.QuietLogs)
        {
            scenario.Settings.TryAdd(key, value);
        }

        lock (gate)
        {
            if (!scenarioRun.IsCompleted)
            {
                throw new PanelException(SimulatorTeks.Panel.ScenarioStillRunning);
            }

            scenarioResult = new { name = scenario.Name, running = true, ok = false, text = SimulatorTeks.Panel.ScenarioRunning(scenario.Name) };
            scenarioRun = Task.Run(() => RunScenarioAsync(scenario), CancellationToken.None);
        }

        Events.Publish("scenario", scenarioResult);
    }

    private async Task RunScenarioAsync(Scenario scenario)
    {
        var folder = Directory.CreateTempSubdirectory($"kiosk-skenario-{scenario.Name}-").FullName;
        using var progress = new StringWriter(CultureInfo.InvariantCulture);
        object result;
        try
        {
            var runner = new ScenarioRunner(scenario, progress);
            var (report, bpjsLine) = bpjs is null ? (await runner.RunAsync(folder, stopping.Token), string.Empty) : await RunReportedAsync(runner, bpjs, folder);
            result = new { name = scenario.Name, running = false, ok = report.BrokenInvariants.Count == 0, text = progress + report.Render() + bpjsLine };
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex) when (ex is ScenarioException or TimeoutException or IOException or Broker.BrokerStartException)
        {
            result = new { name = scenario.Name, running = false, ok = false, text = progress + SimulatorTeks.Panel.ScenarioFailed(scenario.Name, ex.Message) };
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        lock (gate)
        {
            scenarioResult = result;
        }

        Note(SimulatorTeks.Panel.FromScenario, SimulatorTeks.Panel.ScenarioDone(scenario.Name));
        Events.Publish("scenario", result);
    }

    /// <summary>
    /// A scenario day whose JKN tickets are reported to the panel's BPJS double: the day's own broker gets its own bridge
    /// (its session made before the kiosk's first event), which drains before the day's kiosk stops (it asks that kiosk
    /// for each card), unless the internet is cut; the line says what BPJS received and what still waited.
    /// </summary>
    private async Task<(ScenarioReport Report, string BpjsLine)> RunReportedAsync(ScenarioRunner runner, SimulatedBpjs reported, string folder)
    {
        await using var broker = await PrivateBroker.StartAsync(runner.BrokerOptions(), stopping.Token);
        await using var bridge = await reported.AttachAsync(broker, folder, stopping.Token);
        var before = reported.Service.Received.Count;
        var waiting = 0;
        runner.BeforeKioskStops = async cancellationToken => waiting = await bridge.DrainAsync(() => reported.InternetCut, ScenarioDrainBound, cancellationToken);
        var report = await runner.RunAsync(folder, broker, stopping.Token);
        return (report, SimulatorTeks.Panel.ScenarioBpjs(reported.Service.Received.Count - before, waiting));
    }

    /// <summary>How long a scenario day's kiosk stays on for its BPJS reports (a busy day's are a few seconds' work).</summary>
    private static readonly TimeSpan ScenarioDrainBound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The loket buttons of the panel: the Contract's commands that need no field a technician would have to type
    /// (transfer goes to the poli chosen beside it, P-UMUM by default; no-show and cancel act on the patient the loket
    /// has called, so a JKN patient's whole life as BPJS hears it can be played); their wire names come from the Contract.
    /// </summary>
    public static readonly IReadOnlySet<CommandType> PanelCommands = new HashSet<CommandType>
    {
        CommandType.CallNext, CommandType.Recall, CommandType.Skip, CommandType.NoShow, CommandType.Serve, CommandType.Transfer, CommandType.Cancel, CommandType.Pause, CommandType.Resume,
    };

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var desk in desks.Values)
        {
            await desk.DisposeAsync();
        }

        if (display is not null)
        {
            await display.DisposeAsync();
        }

        await Task.WhenAll(displayReading, ticking, scenarioRun).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        desksGate.Dispose();
        stopping.Dispose();
    }

    /// <summary>The loket frame's address: a one-time login from the simulator's own screens host, else the login form.</summary>
    public string LoketUrl(int counter)
    {
        if (counter < 1 || counter > session.Broker.CounterCount)
        {
            throw new PanelException(SimulatorTeks.Panel.NoSuchCounter(counter, session.Broker.CounterCount));
        }

        return screens is not null
        ? screens.LoginUrl(counter).ToString()
            : ScreensUrl is not null ? new Uri(ScreensUrl, "loket?loket=" + counter.ToString(CultureInfo.InvariantCulture)).ToString()
            : throw new PanelException(SimulatorTeks.Panel.NoScreensHost);
    }

    private IKioskFront KioskOrThrow() => session.Front ?? throw new PanelException(SimulatorTeks.Panel.KioskPoweredOff);

    private void WireKiosk()
    {
        if (session.Front is not { } front)
        {
            return;
        }

        front.LampChanged += OnLamp;
        front.ActivityHappened += OnActivity;
        session.PrinterLine.PrintingChanged += OnPrinting;
        if (!ReferenceEquals(wiredPrinter, session.Printer))
        {
            wiredPrinter = session.Printer;
            wiredPrinter.ReceiptPrinted += OnReceipt;
        }

        PublishStatus();
        Events.Publish("reload", new { });
    }

    private void OnKioskStopped()
    {
        printing = false;
        waiting = 0;
        buzzer = false;
        PublishStatus();
        Events.Publish("reload", new { });
    }

    private void OnLamp(object? sender, LampChangedEventArgs e)
    {
        if (e.LampId == KioskSignals.Buzzer)
        {
            buzzer = e.Lit;
        }

        Events.Publish("lamp", new { id = e.LampId, lit = e.Lit });
    }

    private void OnPrinting(object? sender, bool on)
    {
        printing = on;
        Events.Publish("printing", new { on });
    }

    private void OnActivity(object? sender, KioskActivityEventArgs e)
    {
        Note(SourceLabel(e.Source), e.Message, e.Kind, e.Number);
        if (e.Waiting is { } count)
        {
            waiting = count;
            Events.Publish("waiting", new { count });
        }
    }

    /// <summary>Where a kiosk happening came from, as a person names it: the button's label, or the card reader.</summary>
    private string SourceLabel(string source) =>
        source == "scan" ? SimulatorTeks.Panel.FromScanner
            : session.Front?.Buttons.FirstOrDefault(b => b.Id == source) is { } button ? SimulatorTeks.Panel.FromButton(button.Label)
            : source;

    private void OnReceipt(object? sender, ReceiptPrintedEventArgs e)
    {
        var text = ReceiptRenderer.ToPlainText(e.Receipt);
        var item = new { svg = ReceiptRenderer.ToSvg(e.Receipt), paper = e.Receipt.Paper.Name, reprint = text.Contains(Kiosk.Device.Text.Teks.Pasien.Tiket.Reprint.Trim(), StringComparison.Ordinal), at = ClockText() };
        Add(roll, item, RollLength);
        Events.Publish("receipt", item);
    }

    private void Note(string source, string message, string kind = "info", string? number = null)
    {
        var item = new { source, kind, message, number, at = ClockText() };
        Add(activity, item, 60);
        Events.Publish("activity", item);
    }

    private void OnMessage(string view, MqttApplicationMessage message)
    {
        var payload = Encoding.UTF8.GetString(message.Payload.Span);
        var item = new { view, topic = message.Topic, retained = message.Retain, payload = payload.Length > 4000 ? payload[..4000] + "…" : payload, at = ClockText() };
        Add(views[view], item, ViewLength);
        Events.Publish("message", item);
    }

    private void Add(LinkedList<object> list, object item, int length)
    {
        lock (gate)
        {
            list.AddFirst(item);
            while (list.Count > length)
            {
                list.RemoveLast();
            }
        }
    }

    private async Task<CounterDesk> DeskAsync(int counter, CancellationToken cancellationToken)
    {
        await desksGate.WaitAsync(cancellationToken);
        try
        {
            if (!desks.TryGetValue(counter, out var desk))
            {
                desk = await CounterDesk.ConnectAsync(session.Broker, session.Site, counter, session.Clock, cancellationToken);
                if (counter == 1)
                {
                    desk.Received += (_, message) => OnMessage("loket1", message);
                }

                desks[counter] = desk;
            }

            return desk;
        }
        finally
        {
            desksGate.Release();
        }
    }

    private async Task ReadDisplayAsync(IMqttClient client)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stopping.Token))
            {
                OnMessage("display", message);
            }
        }
        catch (OperationCanceledException)
        {
            // Panel closing.
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                PublishStatus();
                PublishBpjs(force: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Panel closing.
        }
    }

    /// <summary>The BPJS section to every page when it changed since last sent (or always, after a switch).</summary>
    private void PublishBpjs(bool force)
    {
        if (bpjs is null)
        {
            return;
        }

        var version = BpjsPanelView.Version(bpjs);
        lock (gate)
        {
            if (!force && bpjsShown == version)
            {
                return;
            }

            bpjsShown = version;
        }

        Events.Publish("bpjs", BpjsSection()!);
    }

    private object? BpjsSection() => bpjs is null ? null : BpjsPanelView.Snapshot(bpjs, session.Front?.TimeZone ?? "Asia/Jakarta");

    private void PublishStatus() => Events.Publish("status", new
    {
        kiosk = session.KioskRunning,
        broker = session.Broker.IsRunning,
        printer = PrinterStates.Name(session.Printer.State),
        paper = session.PaperWidthMm,
        printing,
        clock = ClockText(),
    });

    private object BrokerInfo() => new
    {
        host = session.Broker.Host,
        port = session.Broker.Port,
        running = session.Broker.IsRunning,
        users = session.Broker.Credentials.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new { role = c.Key, username = c.Value.Username, password = c.Value.Password }).ToArray(),
    };

    private string ClockText()
    {
        var zoneId = session.Front?.TimeZone ?? "Asia/Jakarta";
        var local = TimeZoneInfo.ConvertTime(session.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
