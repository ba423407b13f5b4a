using System.Runtime.InteropServices;
using Kiosk.Broker;
using Kiosk.Device.Tools;
using Kiosk.Simulator;
using Kiosk.Simulator.KioskPart;

// The simulator: the real kiosk on simulated hardware with a private Mosquitto, shown as a page in the browser with the
// loket pages and the waiting-room display beside it, or a scenario day run from the command line. Arguments as
// Kiosk.Device takes them (--config FILE, --Section:Key=value) plus the simulator's own; a bad setting is one line
// naming the key and exit code 78, as on the Pi.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

// The front panel's kiosk in a process of its own, so that its power cut is a real kill (see KioskPartProgram).
if (KioskPartProgram.IsKioskPart(args))
{
    try
    {
        return await KioskPartProgram.RunAsync(args, stop.Token);
    }
    catch (Exception ex) when (ConfigurationErrors.Report(ex, null, null, Console.Error, args) is { } code)
    {
        return code;
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        return 130;
    }
}

if (!SimulatorCommandLine.TryParse(args, out var options, out var usageError))
{
    await Console.Error.WriteLineAsync(usageError);
    await Console.Error.WriteLineAsync(Kiosk.Simulator.Text.SimulatorTeks.Usage);
    return 64;
}

try
{
    return options.Scenario is not null
        ? await SimulatorApp.RunScenarioAsync(options, Console.Out, stop.Token)
        : await SimulatorApp.RunPanelAsync(options, Console.Out, stop.Token);
}
catch (Exception ex) when (ConfigurationErrors.Report(ex, null, null, Console.Error, args) is { } code)
{
    return code;
}
catch (BrokerStartException ex)
{
    await Console.Error.WriteLineAsync(Kiosk.Simulator.Text.SimulatorTeks.BrokerUnstartable(ex.Message));
    return 1;
}
catch (Kiosk.Simulator.Scenarios.ScenarioException ex)
{
    await Console.Error.WriteLineAsync(Kiosk.Simulator.Text.SimulatorTeks.ScenarioWrong(ex.Message));
    return 65;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
