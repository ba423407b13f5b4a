using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// A way to reach a printer. <see cref="SendAsync"/> never throws for printer or I/O trouble: it returns a typed
/// <see cref="PrintResult"/> (only caller cancellation throws). Calls are serialised per transport, so a status
/// poll never lands in the middle of a job.
/// </summary>
public interface IPrinterTransport : IAsyncDisposable
{
    /// <summary>Where the printer is, for logs and the status topic ("tcp 192.168.1.50:9100").</summary>
    string Description { get; }

    /// <summary>False when status cannot be read back: <see cref="QueryStatusAsync"/> then says Unknown.</summary>
    bool IsBidirectional { get; }

    Task<PrintResult> SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken);

    Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken);
}
