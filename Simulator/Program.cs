using System.Runtime.InteropServices;
using Kiosk.Broker;
using Kiosk.Device.Tools;
using Kiosk.Simulator;

// The simulator: the real kiosk on simulated hardware with a private Mosquitto, shown as a page in the browser, or a
// scenario day run from the command line. A bad setting is one line naming the key and exit code 78, as on the Pi.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

if (!SimulatorCommandLine.TryParse(args, out var options, out var usageError))
{
    await Console.Error.WriteLineAsync(usageError);
    await Console.Error.WriteLineAsync(SimulatorCommandLine.Usage);
    return 64;
}

try
{
    return options.Scenario is not null
        ? await SimulatorApp.RunScenarioAsync(options, Console.Out, stop.Token)
        : await SimulatorApp.RunPanelAsync(options, Console.Out, stop.Token);
}
catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } problems)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"Konfigurasi salah: {problem}");
    }

    return ConfigurationErrors.ExitCode;
}
catch (BrokerStartException ex)
{
    await Console.Error.WriteLineAsync($"Broker tidak bisa dimulai: {ex.Message}");
    return 1;
}
catch (Kiosk.Simulator.Scenarios.ScenarioException ex)
{
    await Console.Error.WriteLineAsync($"Skenario salah: {ex.Message}");
    return 65;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
