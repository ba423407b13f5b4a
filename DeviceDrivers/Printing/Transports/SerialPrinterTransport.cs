using Kiosk.DeviceDrivers.Serial;

namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// A serial printer (/dev/ttyUSB0 through a USB-RS232 adapter, /dev/ttyS0 on the Pi header), raw 8N1 through
/// termios. Serial printers answer DLE EOT even while offline, so it is bidirectional by default. Reopened after
/// every failure, like the other transports.
/// </summary>
public sealed class SerialPrinterTransport : StreamPrinterTransport
{
    private SerialDevice? device;

    public SerialPrinterTransport(SerialSettings settings, PrinterTimeouts? timeouts = null, bool bidirectional = true)
        : base(timeouts, bidirectional)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    public SerialSettings Settings { get; }

    public override string Description => $"serial {Settings.DevicePath} {Settings.BaudRate} baud";

    protected override bool IsOpen => device is not null;

    protected override Task OpenAsync(CancellationToken cancellationToken)
    {
        device = SerialDevice.Open(Settings);
        return Task.CompletedTask;
    }

    protected override Task WriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken) =>
        (device ?? throw new IOException($"{Settings.DevicePath} is not open")).WriteAsync(data, timeout, cancellationToken);

    protected override Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var open = device ?? throw new IOException($"{Settings.DevicePath} is not open");
        // A zero timeout makes the device read return at once, so no pool thread waits in poll(2).
        return PollReadAsync(() => open.ReadAsync(buffer, TimeSpan.Zero, cancellationToken), timeout, cancellationToken);
    }

    protected override void Close()
    {
        var old = device;
        device = null;
        old?.Dispose();
    }
}
