using System.Text;
using Kiosk.DeviceDrivers.Serial;
using Kiosk.TestSupport;

namespace Kiosk.DeviceDrivers.Tests.Serial;

public sealed class SerialDeviceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Bytes_pass_both_ways_untouched_in_raw_mode()
    {
        using var pty = PseudoTerminal.Open();
        using var device = SerialDevice.Open(new SerialSettings(pty.DevicePath, 115200));

        // ESC/POS is binary: CR, LF, 0x00, 0x1B, 0x7F must not be translated or eaten by line discipline.
        byte[] escPos = [0x1B, 0x40, 0x0D, 0x0A, 0x00, 0x7F, 0x1D, 0x56, 0x00];
        await device.WriteAsync(escPos, Wait, CancellationToken.None);
        Assert.Equal(escPos, await pty.ReceiveAsync(escPos.Length, Wait));

        await pty.SendAsync(Encoding.ASCII.GetBytes("0001234567890\r"));
        var buffer = new byte[64];
        var received = 0;
        while (received < 14)
        {
            var n = await device.ReadAsync(buffer.AsMemory(received), Wait, CancellationToken.None);
            Assert.True(n > 0, "the reader stayed silent");
            received += n;
        }

        Assert.Equal("0001234567890\r", Encoding.ASCII.GetString(buffer, 0, received));
    }

    [Fact]
    public async Task A_quiet_line_returns_zero_after_the_timeout_instead_of_blocking()
    {
        using var pty = PseudoTerminal.Open();
        using var device = SerialDevice.Open(new SerialSettings(pty.DevicePath));

        var n = await device.ReadAsync(new byte[16], TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal(0, n);
    }

    [Fact]
    public async Task An_unplugged_device_surfaces_as_a_serial_error_not_a_hang()
    {
        var pty = PseudoTerminal.Open();
        using var device = SerialDevice.Open(new SerialSettings(pty.DevicePath));

        pty.Dispose();

        await Assert.ThrowsAsync<SerialDeviceException>(() => device.ReadAsync(new byte[16], Wait, CancellationToken.None));
    }

    [Fact]
    public void A_missing_device_names_the_path_and_the_reason()
    {
        var error = Assert.Throws<SerialDeviceException>(() => SerialDevice.Open(new SerialSettings("/dev/ttyUSB-kiosk-missing")));

        Assert.Contains("/dev/ttyUSB-kiosk-missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_tty_is_refused()
    {
        var error = Assert.Throws<SerialDeviceException>(() => SerialDevice.Open(new SerialSettings("/dev/null")));

        Assert.Contains("not a serial device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_baud_rate_is_refused_with_the_supported_ones()
    {
        using var pty = PseudoTerminal.Open();

        var error = Assert.Throws<ArgumentException>(() => SerialDevice.Open(new SerialSettings(pty.DevicePath, 12345)));

        Assert.Contains("9600", error.Message, StringComparison.Ordinal);
    }
}
