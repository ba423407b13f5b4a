using System.Runtime.InteropServices;
using Kiosk.Broker;
using Kiosk.Simulator;
using Kiosk.Simulator.Terminal;

// The simulator: the real kiosk on simulated hardware with a private Mosquitto, driven from this terminal.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

SimulatorSession session;
try
{
    session = await SimulatorSession.StartAsync(new SimulatorSessionOptions(), stop.Token);
}
catch (BrokerStartException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 1;
}

await using (session)
await using (await SimulatorScreens.StartAsync(session, Console.Out, stop.Token))
{
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
