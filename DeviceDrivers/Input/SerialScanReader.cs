using Kiosk.DeviceDrivers.Scanning;
using Kiosk.DeviceDrivers.Serial;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>A serial QR/card reader through the shared termios <see cref="SerialDevice"/>; reopens after an unplug.</summary>
public sealed class SerialScanReader : ScanReaderBase
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private readonly SerialScanReaderOptions options;

    public SerialScanReader(SerialScanReaderOptions options, ILogger<SerialScanReader>? logger = null)
        : base($"serial:{options?.DevicePath}", logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
    }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var lines = new SerialLineAssembler(options.MaxScanLength);
        var gap = TimeSpan.FromMilliseconds(options.InterByteGapMs);
        var buffer = new byte[512];
        while (!cancellationToken.IsCancellationRequested)
        {
            SerialDevice device;
            try
            {
                device = SerialDevice.Open(options.Settings);
            }
            catch (SerialDeviceException ex)
            {
                SetState(ReaderState.Disconnected, ex.Message);
                await Task.Delay(options.ReopenIntervalMs, cancellationToken);
                continue;
            }

            using (device)
            {
                // Whatever sat in the buffer from before (a scan while we were away) is half of something: drop it.
                device.DiscardBuffers();
                SetState(ReaderState.Connected, $"reading {options.DevicePath} at {options.BaudRate} baud");
                try
                {
                    while (true)
                    {
                        var n = await device.ReadAsync(buffer, lines.HasPartialScan ? gap : IdleWait, cancellationToken);
                        if (n == 0)
                        {
                            Deliver(lines.FlushIdle());
                            continue;
                        }

                        foreach (var scan in lines.Feed(buffer.AsSpan(0, n)))
                        {
                            Deliver(scan);
                        }
                    }
                }
                catch (IOException ex)
                {
                    Deliver(lines.Interrupt());
                    SetState(ReaderState.Disconnected, ex.Message);
                }
            }

            await Task.Delay(options.ReopenIntervalMs, cancellationToken);
        }
    }
}
