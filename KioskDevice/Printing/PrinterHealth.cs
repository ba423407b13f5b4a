using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.Device.Printing;

/// <summary>
/// The kiosk's belief about its printer, fed by status polls and by the outcome of every print job. Buttons are
/// refused while it says the printer cannot print, so no number is consumed for a ticket nobody can hold.
/// </summary>
public sealed class PrinterHealth
{
    private readonly Lock gate = new();
    private PrinterStatus status = PrinterStatus.Unknown("not checked yet");
    private string? lastFailure;
    private string? lastFailureCause;

    /// <summary>Raised after every change of <see cref="Status"/>, <see cref="LastFailure"/> or <see cref="CanAcceptTickets"/>.</summary>
    public event EventHandler<PrinterStatus>? Changed;

    public PrinterStatus Status
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    /// <summary>The reason the last print job failed, until a job succeeds again: the transport's own detail (often
    /// .NET or socket English), for the technician's log only.</summary>
    public string? LastFailure
    {
        get
        {
            lock (gate)
            {
                return lastFailure;
            }
        }
    }

    /// <summary>The same failure as a person is told it, in Bahasa Indonesia (see <see cref="FailureSentence"/>); null
    /// while no job has failed since the last success.</summary>
    public string? LastFailureCause
    {
        get
        {
            lock (gate)
            {
                return lastFailureCause;
            }
        }
    }

    /// <summary>Unknown (a one-way USB printer) is given the benefit of the doubt: only a failed job proves it wrong.</summary>
    public bool CanAcceptTickets
    {
        get
        {
            lock (gate)
            {
                return lastFailure is null && (status.CanPrint || status.Condition == PrinterCondition.Unknown);
            }
        }
    }

    public void Report(PrinterStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        bool changed;
        lock (gate)
        {
            // A ready status also ends a job's failure: that changes CanAcceptTickets even when the printer's state
            // is the same as before, and whoever awaits Changed (the scenario runner, the status publisher) must hear it.
            changed = !next.SameStateAs(status) || (next.CanPrint && lastFailure is not null);
            status = next;
            if (next.CanPrint)
            {
                lastFailure = null;
                lastFailureCause = null;
            }
        }

        if (changed)
        {
            Changed?.Invoke(this, next);
        }
    }

    public void JobSucceeded()
    {
        bool changed;
        lock (gate)
        {
            changed = lastFailure is not null;
            lastFailure = null;
            lastFailureCause = null;
        }

        if (changed)
        {
            Changed?.Invoke(this, Status);
        }
    }

    /// <param name="cause">What a person is told, in Bahasa Indonesia.</param>
    /// <param name="detail">What the technician's log keeps (the transport's own message).</param>
    /// <param name="statusAfterFailure">The printer's status when the job failed, if it reported one.</param>
    public void JobFailed(string cause, string detail, PrinterStatus? statusAfterFailure)
    {
        lock (gate)
        {
            lastFailure = detail;
            lastFailureCause = cause;
            if (statusAfterFailure is not null)
            {
                status = statusAfterFailure;
            }
        }

        Changed?.Invoke(this, Status);
    }

    /// <summary>The printer as the kiosk status topic names it (docs/asyncapi.yaml).</summary>
    public static Kiosk.Contract.PrinterCondition Word(PrinterCondition condition) => condition switch
    {
        PrinterCondition.Ok => Kiosk.Contract.PrinterCondition.Ok,
        PrinterCondition.PaperNearEnd => Kiosk.Contract.PrinterCondition.PaperLow,
        PrinterCondition.PaperOut => Kiosk.Contract.PrinterCondition.PaperOut,
        PrinterCondition.CoverOpen => Kiosk.Contract.PrinterCondition.CoverOpen,
        PrinterCondition.CutterError => Kiosk.Contract.PrinterCondition.CutterError,
        PrinterCondition.Offline => Kiosk.Contract.PrinterCondition.Offline,
        _ => Kiosk.Contract.PrinterCondition.Unknown,
    };

    /// <summary>Why a job failed, for a technician or officer (the transport's own message, often .NET or socket English, goes to the log).</summary>
    public static string FailureSentence(Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind kind) => Text.Teks.Teknisi.PrintFailure(kind);

    /// <summary>
    /// What went wrong with one job, as it was when the job failed. The printer's own fault (paper out, cover open)
    /// says most when it reported one; otherwise the job's failure does: a status read after a cable was pulled and
    /// put back may well say "ready", and "gagal dicetak (Printer siap)" contradicts itself.
    /// </summary>
    public static string FailureCause(Kiosk.DeviceDrivers.Printing.Transports.PrintResult print)
    {
        ArgumentNullException.ThrowIfNull(print);
        return FailureSentence(print.Status.IsKnown ? print.Status.Condition switch
        {
            PrinterCondition.PaperOut => Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.PaperOut,
            PrinterCondition.CoverOpen => Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.CoverOpen,
            PrinterCondition.CutterError => Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.CutterError,
            PrinterCondition.Offline => Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.Offline,
            _ => print.FailureKind,
        } : print.FailureKind);
    }

    /// <summary>What the patient and the officer are told about the printer's state, in Bahasa Indonesia.</summary>
    public static string Sentence(PrinterCondition condition) => Text.Teks.Pasien.PrinterState(condition);
}
