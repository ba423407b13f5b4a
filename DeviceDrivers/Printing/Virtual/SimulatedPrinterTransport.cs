using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;

namespace Kiosk.DeviceDrivers.Printing.Virtual;

/// <summary>
/// An in-process printer for the simulator and tests: every job goes through the real <see cref="EscPosInterpreter"/>
/// and comes out as <see cref="Receipt"/>s (one per cut, plus what is left at the end of the job). Its state can be
/// set to any fault; it then refuses jobs exactly as a bidirectional transport in front of a real printer would.
/// </summary>
public sealed class SimulatedPrinterTransport : IPrinterTransport
{
    private readonly Lock sync = new();
    private readonly List<Receipt> receipts = [];
    private readonly EscPosInterpreter interpreter;
    private (PrintFailureKind Kind, string Message)? nextFailure;
    private VirtualPrinterState state;

    public SimulatedPrinterTransport(PaperProfile? paper = null)
    {
        Paper = paper ?? PaperProfile.Mm80;
        interpreter = new EscPosInterpreter(Paper, splitAtCuts: true);
    }

    /// <summary>Raised for each receipt as it is "printed" (after the job that made it, outside any lock).</summary>
    public event EventHandler<ReceiptPrintedEventArgs>? ReceiptPrinted;

    public PaperProfile Paper { get; }

    public string Description => $"simulated {Paper.Name} printer";

    public bool IsBidirectional => true;

    public VirtualPrinterState State
    {
        get { lock (sync) { return state; } }
        set { lock (sync) { state = value; } }
    }

    public IReadOnlyList<Receipt> Receipts
    {
        get { lock (sync) { return receipts.ToArray(); } }
    }

    public int JobCount { get; private set; }

    /// <summary>Makes the next job fail with this kind (a cable pulled mid-job, a timeout), once.</summary>
    public void FailNextJob(PrintFailureKind kind, string message)
    {
        lock (sync)
        {
            nextFailure = (kind, message);
        }
    }

    public Task<PrintResult> SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<Receipt> printed;
        PrintResult result;
        lock (sync)
        {
            var status = CurrentStatus();
            if (job.IsEmpty)
            {
                return Task.FromResult(PrintResult.Failure(PrintFailureKind.Rejected, "The job is empty; nothing was sent.", 0, status));
            }

            if (nextFailure is { } failure)
            {
                nextFailure = null;
                return Task.FromResult(PrintResult.Failure(failure.Kind, failure.Message, 0, status));
            }

            if (!state.Prints())
            {
                return Task.FromResult(PrintResult.Failure(PrintResult.KindFor(status), $"Job not sent: {Description} reports {status.Condition}.", 0, status));
            }

            printed = [.. interpreter.Feed(job.Span)];
            if (interpreter.Complete() is { } rest)
            {
                printed.Add(rest);
            }

            receipts.AddRange(printed);
            JobCount++;
            result = PrintResult.Success(job.Length, status);
        }

        foreach (var receipt in printed)
        {
            ReceiptPrinted?.Invoke(this, new ReceiptPrintedEventArgs(receipt));
        }

        return Task.FromResult(result);
    }

    public Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            return Task.FromResult(CurrentStatus());
        }
    }

    public void ClearReceipts()
    {
        lock (sync)
        {
            receipts.Clear();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private PrinterStatus CurrentStatus() => PrinterStatus.FromFlags(state.ToBits(), $"{Description}: {state}");
}
