using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// The honest outcome of one job: success only when every byte was handed over (and, on a bidirectional transport,
/// the printer still answered and reported no error afterwards); otherwise the kind and a message a technician can
/// act on. <see cref="Status"/> is the last status known when the result was made.
/// </summary>
public sealed record PrintResult(PrintFailureKind FailureKind, string Message, int BytesSent, PrinterStatus Status)
{
    public bool Succeeded => FailureKind == PrintFailureKind.None;

    public static PrintResult Success(int bytesSent, PrinterStatus status) => new(PrintFailureKind.None, "printed", bytesSent, status);

    public static PrintResult Failure(PrintFailureKind kind, string message, int bytesSent, PrinterStatus status)
    {
        if (kind == PrintFailureKind.None)
        {
            throw new ArgumentException("A failure needs a kind.", nameof(kind));
        }

        return new(kind, message, bytesSent, status);
    }

    /// <summary>The failure kind a status that blocks printing maps to (PaperOut -> PaperOut...).</summary>
    public static PrintFailureKind KindFor(PrinterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Condition switch
        {
            PrinterCondition.PaperOut => PrintFailureKind.PaperOut,
            PrinterCondition.CoverOpen => PrintFailureKind.CoverOpen,
            PrinterCondition.CutterError => PrintFailureKind.CutterError,
            PrinterCondition.Offline => PrintFailureKind.Offline,
            _ => PrintFailureKind.None,
        };
    }

    public override string ToString() => Succeeded ? $"printed {BytesSent} bytes ({Status.Condition})" : $"{FailureKind}: {Message}";
}
