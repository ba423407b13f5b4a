using System.Diagnostics;
using Kiosk.Simulator.Bpjs;
using Kiosk.Simulator.Scenarios;
using Kiosk.Simulator.Web;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator;

/// <summary>The simulator's two ways to run: the front panel in a browser, or one scenario day from the command line.</summary>
public static class SimulatorApp
{
    /// <summary>The kiosk's own logs stay quiet on the simulator's terminal unless asked for: the page shows what happens.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuietLogs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        // A failed start is explained in one line per key by the simulator itself, never as the host's stack trace.
        ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None",
    };

    /// <summary>A ticket takes about this long to come out of a cheap thermal printer; the panel shows it printing.</summary>
    public static readonly TimeSpan PanelPrintDuration = TimeSpan.FromMilliseconds(1200);

    /// <summary>The front panel's closing time when the configuration names none (the sample's empty value means midnight).</summary>
    public const string PanelDayCloseTime = "16:00";

    public static async Task<int> RunPanelAsync(SimulatorCommandLine options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var overrides = new Dictionary<string, string>(QuietLogs, StringComparer.Ordinal);
        foreach (var (key, value) in options.Overrides)
        {
            overrides[key] = value;
        }

        // The QR code on each ticket opens the patient page of the screens host the panel uses (a --set of the key wins).
        var patientPage = SimulatorScreens.PatientPageSetting(options.ScreensUrl ?? new Uri($"http://127.0.0.1:{SimulatorScreens.DefaultPort}/"));
        overrides.TryAdd(patientPage.Key, patientPage.Value);

        var sessionOptions = new SimulatorSessionOptions { Overrides = overrides, PrintDuration = PanelPrintDuration, ConfigFile = options.ConfigFile, CutNetworkOnPowerLoss = true, KioskInChildProcess = true, DefaultDayCloseTime = PanelDayCloseTime };
        if (options.DataDirectory is not null)
        {
            sessionOptions = new SimulatorSessionOptions { Overrides = overrides, PrintDuration = PanelPrintDuration, ConfigFile = options.ConfigFile, DataDirectory = options.DataDirectory, CutNetworkOnPowerLoss = true, KioskInChildProcess = true, DefaultDayCloseTime = PanelDayCloseTime };
        }

        await using var session = await SimulatorSession.StartAsync(sessionOptions, cancellationToken);
        SimulatorArguments.PrintBroker(session, output);

        // The loket pages and the display on the same private broker, unless the developer points at a running host.
        await using var screens = options.ScreensUrl is null ? await SimulatorScreens.StartAsync(session, port: null, output, cancellationToken) : null;
        // BPJS: the double on loopback and the real bridge on the session's broker, its outbox beside the kiosk's data.
        await using var bpjs = await SimulatedBpjs.StartAsync(session.Broker, session.DataDirectory, cancellationToken);
        await output.WriteLineAsync(SimulatorTeks.BpjsDouble(bpjs.Service.BaseUrl));
        await using var panel = screens is null ? new FrontPanel(session, options.ScreensUrl, bpjs) : new FrontPanel(session, screens, bpjs);
        await panel.StartAsync(cancellationToken);
        await using var server = await FrontPanelServer.StartAsync(panel, options.Port, cancellationToken);
        await output.WriteLineAsync(SimulatorTeks.PanelAddress(server.Address));
        await output.WriteLineAsync(SimulatorTeks.DataFolder(session.DataDirectory));
        await output.WriteLineAsync(SimulatorTeks.StopHint);
        if (options.OpenBrowser)
        {
            OpenInBrowser(server.Address);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await output.WriteLineAsync(SimulatorTeks.Stopping);
        return 0;
    }

    public static async Task<int> RunScenarioAsync(SimulatorCommandLine options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var scenario = Scenario.Load(Scenario.Resolve(options.Scenario!));
        foreach (var (key, value) in options.Overrides)
        {
            scenario.Settings[key] = value;
        }

        foreach (var (key, value) in QuietLogs)
        {
            scenario.Settings.TryAdd(key, value);
        }

        var folder = options.DataDirectory ?? Directory.CreateTempSubdirectory($"kiosk-skenario-{scenario.Name}-").FullName;
        try
        {
            var report = await new ScenarioRunner(scenario, output).RunAsync(folder, cancellationToken);
            await output.WriteAsync(report.Render());
            return report.BrokenInvariants.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (options.DataDirectory is null)
            {
                TryDelete(folder);
            }
        }
    }

    private static void TryDelete(string folder)
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

    /// <summary>Opens the page when a desktop is there; on a server the printed address is enough.</summary>
    private static void OpenInBrowser(Uri address)
    {
        if (Environment.GetEnvironmentVariable("DISPLAY") is null && Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is null)
        {
            return;
        }

        try
        {
            using var opener = Process.Start(new ProcessStartInfo("xdg-open", address.ToString()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No xdg-open: the address is printed.
        }
    }
}
