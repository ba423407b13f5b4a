using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.DeviceDrivers.Tests.Gpio;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Tests.Input;

/// <summary>The evdev reader over a real file descriptor (a FIFO carrying recorded kernel bytes).</summary>
public sealed class EvdevScanReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-evdev-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private EvdevScanReaderOptions Options(InputEventLayout layout) => new()
    {
        DevicePath = Path.Combine(folder, "usb-Honeywell_Scanner-event-kbd"),
        Layout = layout,
        ReopenIntervalMs = 50,
        InterKeyGapMs = 150,
    };

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public async Task A_recorded_shifted_scan_arrives_as_text(InputEventLayout layout)
    {
        var options = Options(layout);
        using var device = new Fifo(options.DevicePath);
        await using var reader = new EvdevScanReader(options);
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        device.Send(layout == InputEventLayout.Long64 ? EvdevRecordings.ShiftedMedicalRecordScan64 : EvdevRecordings.ShiftedMedicalRecordScan32);

        var scan = await probe.NextScanAsync();
        Assert.Equal("RM-00123456", scan.Text);
        Assert.Equal(ScanEnd.Terminator, scan.End);
        Assert.Equal($"evdev:{options.DevicePath}", scan.Source);
    }

    [Fact]
    public async Task Unplug_mid_scan_reports_the_half_scan_and_the_state_and_replug_reconnects_by_itself()
    {
        var options = Options(InputEventLayout.Long64);
        var logger = new RecordingLogger();
        using var device = new Fifo(options.DevicePath);
        await using var reader = new EvdevScanReader(options, (path) => LinuxInputDeviceIo.Open(path), logger);
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        device.Send(EvdevRecordings.InterruptedScan64);
        device.Unplug();

        var half = await probe.NextScanAsync();
        var lost = await probe.WaitForStateAsync(ReaderState.Disconnected);
        device.Plug();
        await probe.WaitForStateAsync(ReaderState.Connected);
        device.Send(EvdevRecordings.ShiftedBookingScan64);
        var next = await probe.NextScanAsync();

        Assert.Equal(("000123", ScanEnd.Interrupted), (half.Text, half.End));
        Assert.Contains("hang-up", lost.Reason, StringComparison.Ordinal);
        Assert.Equal("JKN:20261122A012", next.Text);
        Assert.Equal(ReaderState.Connected, reader.State);
        Assert.Contains(ReaderState.Disconnected, probe.Seen);
        // A FIFO is no evdev node: the grab is refused and said so, yet the reader still reads.
        Assert.True(logger.Contains(LogLevel.Warning, "exclusive grab refused"));
    }

    [Fact]
    public async Task An_absent_reader_is_reported_disconnected_with_the_reason_and_picked_up_when_plugged_in()
    {
        var options = Options(InputEventLayout.Long64);
        await using var reader = new EvdevScanReader(options);
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);

        var absent = await probe.WaitForStateAsync(ReaderState.Disconnected);
        using var device = new Fifo(options.DevicePath);
        await probe.WaitForStateAsync(ReaderState.Connected);

        Assert.Contains("No such file or directory", absent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_without_suffix_is_ended_by_the_gap()
    {
        var options = Options(InputEventLayout.Long64);
        using var device = new Fifo(options.DevicePath);
        await using var reader = new EvdevScanReader(options);
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        device.Send(EvdevRecordings.TwoScansSplitByGap64);

        var first = await probe.NextScanAsync();
        var second = await probe.NextScanAsync();
        Assert.Equal(("0001234567890", ScanEnd.Gap), (first.Text, first.End));
        Assert.Equal(("3271046504930001", ScanEnd.Gap), (second.Text, second.End));
    }

    [Theory]
    [InlineData("", 150, "DevicePath is required")]
    [InlineData("/dev/input/event0", 0, "InterKeyGapMs 0 must be 10..5000")]
    public void Bad_reader_configuration_is_named(string path, int gap, string expected)
    {
        var error = Assert.Throws<DeviceConfigurationException>(() => new EvdevScanReader(new EvdevScanReaderOptions { DevicePath = path, InterKeyGapMs = gap }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
