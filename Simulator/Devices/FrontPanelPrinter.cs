using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.Simulator.Devices;

/// <summary>
/// The kiosk's printer as the front panel plays it: the simulated printer (the real ESC/POS interpreter behind it)
/// with a print that takes as long as on paper, a "printing" signal for the panel, and a power cut that freezes the
/// job in progress for good, as a dead kiosk would leave it. One instance per kiosk power-up; the printer behind it
/// keeps its paper and faults across power cuts.
/// </summary>
public sealed class FrontPanelPrinter(SimulatedPrinterTransport printer, TimeSpan printDuration) : IPrinterTransport
{
    private readonly TaskCompletionSource powerLost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int printing;

    /// <summary>Raised with true when a job starts feeding paper and false when it is done.</summary>
    public event EventHandler<bool>? PrintingChanged;

    public SimulatedPrinterTransport Printer => printer;

    public bool IsPrinting => Volatile.Read(ref printing) > 0;

    public string Description => printer.Description;

    public bool IsBidirectional => printer.IsBidirectional;

    /// <summary>From now on no job finishes and none starts: the kiosk lost power.</summary>
    public void CutPower() => powerLost.TrySetResult();

    public async Task<PrintResult> SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        if (!printer.State.Prints())
        {
            // A printer that cannot print refuses at once; nothing moves.
            return await printer.SendAsync(job, cancellationToken);
        }

        Interlocked.Increment(ref printing);
        PrintingChanged?.Invoke(this, true);
        try
        {
            if (printDuration > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(printDuration, CancellationToken.None), powerLost.Task);
            }

            if (powerLost.Task.IsCompleted)
            {
                // A dead kiosk never hears back from its printer; the half-fed ticket stays in the printer.
                await new TaskCompletionSource().Task;
            }

            return await printer.SendAsync(job, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref printing);
            PrintingChanged?.Invoke(this, false);
        }
    }

    public Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken) => printer.QueryStatusAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
