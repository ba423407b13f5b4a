using System.Text;
using Kiosk.DeviceDrivers.Scanning;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// A reader for the simulator and tests: clean scans, raw bytes (noise, NULs, half scans) and unplug/replug, all
/// through the same line assembly as the serial reader.
/// </summary>
public sealed class SimulatedScanReader : ScanReaderBase
{
    private readonly SerialLineAssembler lines = new(256);
    private readonly Lock gate = new();

    public SimulatedScanReader(string name = "simulated", ILogger<SimulatedScanReader>? logger = null)
        : base(name, logger)
    {
    }

    /// <summary>A complete scan, as a reader sends it with its CR suffix.</summary>
    public void Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        InjectRaw(Encoding.Latin1.GetBytes(text + "\r"));
    }

    /// <summary>Bytes exactly as they would come off the wire; a missing terminator leaves a scan pending until <see cref="EndByGap"/>.</summary>
    public void InjectRaw(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            foreach (var scan in lines.Feed(bytes))
            {
                Publish(new RawScan(scan.Text, scan.End, Name, DateTimeOffset.UtcNow));
            }
        }
    }

    /// <summary>The reader went quiet: ends a pending scan as a gap-terminated one.</summary>
    public void EndByGap() => Flush(lines.FlushIdle);

    /// <summary>Unplugs the reader: a pending scan is delivered as interrupted.</summary>
    public void Unplug(string reason = "simulated unplug")
    {
        Flush(lines.Interrupt);
        SetState(ReaderState.Disconnected, reason);
    }

    public void Plug() => SetState(ReaderState.Connected, "simulated reader connected");

    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        SetState(ReaderState.Connected, "simulated reader connected");
        return Task.CompletedTask;
    }

    private void Flush(Func<(string Text, ScanEnd End)?> take)
    {
        lock (gate)
        {
            if (take() is { } scan)
            {
                Publish(new RawScan(scan.Text, scan.End, Name, DateTimeOffset.UtcNow));
            }
        }
    }
}
