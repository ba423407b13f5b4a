using Kiosk.DeviceDrivers.Scanning;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// A keyboard-wedge reader on /dev/input/eventN: grabbed, decoded key by key, reopened by itself after an unplug.
/// A scan cut by the unplug is delivered as <see cref="ScanEnd.Interrupted"/> so the screen can ask to scan again.
/// </summary>
public sealed class EvdevScanReader : ScanReaderBase
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private readonly EvdevScanReaderOptions options;
    private readonly Func<string, IInputDeviceIo> open;
    private readonly KeyboardLayout layout;

    public EvdevScanReader(EvdevScanReaderOptions options, ILogger<EvdevScanReader>? logger = null)
        : this(options, path => LinuxInputDeviceIo.Open(path), logger)
    {
    }

    internal EvdevScanReader(EvdevScanReaderOptions options, Func<string, IInputDeviceIo> open, ILogger? logger)
        : base($"evdev:{options?.DevicePath}", logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.open = open;
        layout = KeyboardLayout.UsEnglish.With(options.KeyMapOverrides);
    }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var eventDecoder = new InputEventDecoder(options.Layout ?? InputEventLayouts.Native);
        var wedge = new KeyboardWedgeDecoder(layout, TimeSpan.FromMilliseconds(options.InterKeyGapMs), options.MaxScanLength);
        var gap = TimeSpan.FromMilliseconds(options.InterKeyGapMs);
        var buffer = new byte[(int)eventDecoder.Layout * 64];
        while (!cancellationToken.IsCancellationRequested)
        {
            IInputDeviceIo device;
            try
            {
                device = open(options.DevicePath);
            }
            catch (IOException ex)
            {
                SetState(ReaderState.Disconnected, ex.Message);
                await Task.Delay(options.ReopenIntervalMs, cancellationToken);
                continue;
            }

            using (device)
            {
                if (options.Grab && device.TryGrab() is { } refused)
                {
                    // Still read: a shared reader beats a dead one, but the console may see the scans too.
                    Logger.LogWarning("Reader {Reader}: exclusive grab refused ({Reason}); scans may also reach other programs.", Name, refused);
                }

                eventDecoder.Reset();
                SetState(ReaderState.Connected, $"reading {options.DevicePath}");
                try
                {
                    while (true)
                    {
                        var n = await Task.Run(() => device.Read(buffer, wedge.HasPartialScan ? gap : IdleWait, cancellationToken), CancellationToken.None);
                        if (n == 0)
                        {
                            Deliver(wedge.FlushIdle());
                            continue;
                        }

                        foreach (var inputEvent in eventDecoder.Decode(buffer.AsSpan(0, n)))
                        {
                            Deliver(wedge.Feed(inputEvent));
                        }
                    }
                }
                catch (IOException ex)
                {
                    Deliver(wedge.Interrupt());
                    SetState(ReaderState.Disconnected, ex.Message);
                }
            }

            await Task.Delay(options.ReopenIntervalMs, cancellationToken);
        }
    }
}
