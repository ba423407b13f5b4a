using System.Runtime.InteropServices;
using Kiosk.Broker;
using Kiosk.Device.Tools;
using Kiosk.Simulator;
using Kiosk.Simulator.Terminal;

// The simulator: the real kiosk on simulated hardware with a private Mosquitto, driven from this terminal.
// Arguments as Kiosk.Device takes them: --config FILE and --Section:Key=value overrides (./kiosk.sh run passes them on).
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

SimulatorSession session;
try
{
    session = await SimulatorSession.StartAsync(SimulatorArguments.Parse(args), stop.Token);
}
catch (BrokerStartException ex)
{
    await Console.Error.WriteLineAsync($"Broker pribadi tidak dapat dijalankan: {ex.Message}");
    return 1;
}
catch (Exception ex) when (ConfigurationErrors.Report(ex, null, null, Console.Error, args) is { } code)
{
    return code;
}

await using (session)
await using (await SimulatorScreens.StartAsync(session, Console.Out, stop.Token))
{
    SimulatorArguments.PrintBroker(session, Console.Out);
    var panel = new TerminalFrontPanel(session, Console.Out);
    try
    {
        await panel.RunAsync(Console.In, interactive: !Console.IsInputRedirected, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C.
    }

    Console.WriteLine("Menghentikan kiosk dan broker...");
}

return 0;
