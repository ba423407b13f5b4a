using System.Text;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.TestSupport;

namespace Kiosk.DeviceDrivers.Tests.Input;

/// <summary>The serial reader on a real pseudo-terminal, the test playing the reader on the master side.</summary>
public sealed class SerialScanReaderTests
{
    private static SerialScanReaderOptions Options(string path) => new() { DevicePath = path, BaudRate = 9600, InterByteGapMs = 150, ReopenIntervalMs = 50 };

    [Fact]
    public async Task Lines_ending_in_CR_LF_or_CRLF_are_one_scan_each()
    {
        using var pty = PseudoTerminal.Open();
        await using var reader = new SerialScanReader(Options(pty.DevicePath));
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        await pty.SendAsync(Encoding.ASCII.GetBytes("0001234567890\r\n3271046504930001\rRM-00123456\n"));

        Assert.Equal("0001234567890", (await probe.NextScanAsync()).Text);
        Assert.Equal("3271046504930001", (await probe.NextScanAsync()).Text);
        var last = await probe.NextScanAsync();
        Assert.Equal(("RM-00123456", ScanEnd.Terminator), (last.Text, last.End));
    }

    [Fact]
    public async Task Binary_noise_arrives_byte_for_byte_and_is_rejected_by_the_parser()
    {
        using var pty = PseudoTerminal.Open();
        await using var reader = new SerialScanReader(Options(pty.DevicePath));
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        await pty.SendAsync([0x00, 0xFF, 0x81, 0x7F, 0x30, 0x0D]);

        var scan = await probe.NextScanAsync();
        Assert.Equal("\u0000\u00FF\u0081\u007F0", scan.Text);
        var rejected = Assert.IsType<RejectedScan>(new ScanParser(new ScanParserOptions()).Parse(scan));
        Assert.Equal(ScanRejection.BinaryNoise, rejected.Reason);
    }

    [Fact]
    public async Task A_reader_without_suffix_is_ended_by_the_gap()
    {
        using var pty = PseudoTerminal.Open();
        await using var reader = new SerialScanReader(Options(pty.DevicePath));
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        await pty.SendAsync(Encoding.ASCII.GetBytes("0001234567890"));

        var scan = await probe.NextScanAsync();
        Assert.Equal(("0001234567890", ScanEnd.Gap), (scan.Text, scan.End));
    }

    [Fact]
    public async Task Hang_up_mid_scan_never_delivers_the_half_as_a_complete_scan_and_reports_disconnected()
    {
        var pty = PseudoTerminal.Open();
        var options = Options(pty.DevicePath);
        options.InterByteGapMs = 5000;
        await using var reader = new SerialScanReader(options);
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);
        await probe.WaitForStateAsync(ReaderState.Connected);

        await pty.SendAsync(Encoding.ASCII.GetBytes("000123"));
        pty.Dispose();

        var lost = await probe.WaitForStateAsync(ReaderState.Disconnected);
        Assert.Contains(pty.DevicePath, lost.Reason, StringComparison.Ordinal);
        // The kernel may flush the half line on hang-up; if it reached us, it must come marked as interrupted.
        while (reader.Scans.TryRead(out var scan))
        {
            Assert.Equal(ScanEnd.Interrupted, scan.End);
            Assert.Equal(ScanRejection.IncompleteScan, Assert.IsType<RejectedScan>(new ScanParser(new ScanParserOptions()).Parse(scan)).Reason);
        }
    }

    [Fact]
    public async Task A_missing_port_is_reported_with_its_path_and_retried()
    {
        await using var reader = new SerialScanReader(Options("/dev/ttyACM-kiosk-missing"));
        var probe = new ReaderProbe(reader);
        await reader.StartAsync(CancellationToken.None);

        var state = await probe.WaitForStateAsync(ReaderState.Disconnected);

        Assert.Contains("/dev/ttyACM-kiosk-missing", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_baud_rate_is_named()
    {
        var error = Assert.Throws<DeviceConfigurationException>(() => new SerialScanReader(new SerialScanReaderOptions { DevicePath = "/dev/ttyACM0", BaudRate = 1234 }));

        Assert.Contains("BaudRate 1234 is not one of", error.Message, StringComparison.Ordinal);
    }
}
