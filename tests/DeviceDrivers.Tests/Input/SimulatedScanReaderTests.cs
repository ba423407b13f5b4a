using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Tests.Input;

public sealed class SimulatedScanReaderTests
{
    [Fact]
    public async Task Scans_raw_bytes_and_unplug_go_through_the_same_path_as_a_serial_reader()
    {
        await using var reader = new SimulatedScanReader();
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        reader.Scan("0001234567890");
        reader.InjectRaw([0x31, 0x00, 0x32, 0x0D]);
        reader.InjectRaw("3271"u8);
        reader.Unplug();

        Assert.Equal(("0001234567890", ScanEnd.Terminator), Pair(await probe.NextScanAsync()));
        Assert.Equal(("1\u00002", ScanEnd.Terminator), Pair(await probe.NextScanAsync()));
        Assert.Equal(("3271", ScanEnd.Interrupted), Pair(await probe.NextScanAsync()));
        await probe.WaitForStateAsync(ReaderState.Disconnected);
        reader.Plug();
        await probe.WaitForStateAsync(ReaderState.Connected);
    }

    [Fact]
    public async Task Disposing_completes_the_scan_stream_and_reports_stopped()
    {
        var reader = new SimulatedScanReader();
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);

        await reader.DisposeAsync();

        await probe.WaitForStateAsync(ReaderState.Stopped);
        Assert.False(await reader.Scans.WaitToReadAsync());
    }

    private static (string, ScanEnd) Pair(RawScan scan) => (scan.Text, scan.End);
}
