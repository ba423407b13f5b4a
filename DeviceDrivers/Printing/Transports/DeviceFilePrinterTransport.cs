using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// A printer device file: /dev/usb/lp0 (usblp), a parallel port, or a FIFO in tests. Opened non-blocking on demand
/// and closed after any failure, so unplugging and replugging the printer (same or new lp number via a udev symlink)
/// needs no restart. usblp can read status only when the printer supports the IEEE 1284 back channel, which cheap
/// printers often do not, so the default is write-only with status Unknown; set <paramref name="bidirectional"/>
/// for printers that answer DLE EOT over USB (Epson TM-T20/TM-T82 in printer-class mode do).
/// </summary>
public sealed class DeviceFilePrinterTransport : StreamPrinterTransport
{
    private LinuxFile? file;

    public DeviceFilePrinterTransport(string devicePath, PrinterTimeouts? timeouts = null, bool bidirectional = false)
        : base(timeouts, bidirectional)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(devicePath);
        DevicePath = devicePath;
    }

    public string DevicePath { get; }

    public override string Description => $"device {DevicePath}";

    protected override bool IsOpen => file is { IsClosed: false };

    protected override Task OpenAsync(CancellationToken cancellationToken)
    {
        // O_NONBLOCK: a FIFO or a printer with nobody on the other end fails at once (ENXIO) instead of hanging the open.
        file = LinuxFile.Open(DevicePath, IsBidirectional ? Libc.ORdWr : Libc.OWrOnly);
        return Task.CompletedTask;
    }

    protected override Task WriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken) =>
        (file ?? throw new IOException($"{DevicePath} is not open")).WriteAsync(data, timeout, cancellationToken);

    protected override Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var open = file ?? throw new IOException($"{DevicePath} is not open");
        return PollReadAsync(() => Task.FromResult(open.Read(buffer.Span, TimeSpan.Zero, cancellationToken)), timeout, cancellationToken);
    }

    protected override void Close()
    {
        var old = file;
        file = null;
        old?.Dispose();
    }
}
