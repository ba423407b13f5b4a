namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>Why a job did not (or may not have) come out of the printer.</summary>
public enum PrintFailureKind
{
    None = 0,

    /// <summary>Printer unreachable, device missing, or the printer reported itself offline/in error.</summary>
    Offline,
    PaperOut,
    CoverOpen,
    CutterError,

    /// <summary>Connect, write or status reply did not finish in time (busy, jammed or powered off mid-job).</summary>
    Timeout,

    /// <summary>The connection or device went away during the job: the ticket may be missing or incomplete.</summary>
    Disconnected,

    /// <summary>Any other I/O error from the OS (permission, bad descriptor...), message has the errno text.</summary>
    Io,

    /// <summary>The job itself was refused before sending (empty).</summary>
    Rejected,
}
