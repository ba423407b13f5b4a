using Kiosk.DeviceDrivers.Diagnostics;
using Xunit.Abstractions;

namespace Kiosk.DeviceDrivers.Tests.Diagnostics;

public sealed class DeviceInventoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kiosk-doctor-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Dev(string path) => Path.Combine(root, "dev", path);

    private string Sys(string path) => Path.Combine(root, "sys", path);

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    [Fact]
    public void A_machine_laid_out_like_a_kiosk_Pi_is_listed_with_readers_picked_out()
    {
        Write(Dev("gpiochip0"), string.Empty);                    // a plain file: the ioctl fails, the doctor says so
        Write(Dev("input/event3"), string.Empty);
        Write(Dev("input/event7"), string.Empty);
        Write(Dev("input/event11"), string.Empty);
        Link(Dev("input/by-id/usb-Honeywell_3320g-event-kbd"), "../event3");
        Write(Sys("class/input/event3/device/name"), "Honeywell 3320g\n");
        Write(Sys("class/input/event3/device/capabilities/key"), "1f 0 0 0 0 10000ffc\n");
        Write(Sys("class/input/event7/device/name"), "Power Button\n");
        Write(Sys("class/input/event7/device/capabilities/key"), "10000000000000 0\n");
        Write(Sys("class/input/event11/device/name"), "Newland NLS Barcode Scanner\n");
        Write(Sys("class/input/event11/device/capabilities/key"), "ffefffdfffefffff fffffffffffffffe\n");
        Write(Dev("ttyUSB0"), string.Empty);
        Write(Dev("ttyAMA0"), string.Empty);
        Write(Dev("ttyS1"), string.Empty);
        Write(Sys("class/tty/ttyS1/type"), "0\n");
        Link(Dev("serial0"), "ttyAMA0");
        Directory.CreateDirectory(Sys("bus/usb-serial/drivers/ch341-uart"));
        Link(Sys("class/tty/ttyUSB0/device/driver"), Sys("bus/usb-serial/drivers/ch341-uart"));

        var report = DeviceInventory.Collect(Dev(string.Empty), Sys(string.Empty));
        output.WriteLine(report.ToString());

        var chip = Assert.Single(report.GpioChips);
        Assert.Null(chip.Info);
        Assert.Contains("bukan perangkat GPIO (kode sistem 25)", chip.Error, StringComparison.Ordinal);
        Assert.Equal([Dev("input/event3"), Dev("input/event7"), Dev("input/event11")], report.InputDevices.Select(d => d.Path));
        Assert.Equal(["Honeywell 3320g", "Newland NLS Barcode Scanner"], report.Readers.Select(d => d.Name));
        Assert.Equal([Dev("input/by-id/usb-Honeywell_3320g-event-kbd")], report.InputDevices[0].ByIdPaths);
        Assert.False(report.InputDevices[1].HasKeyboardKeys);
        Assert.Equal([Dev("ttyUSB0"), Dev("ttyAMA0"), Dev("ttyS1"), Dev("serial0")], report.SerialPorts.Select(p => p.Path));
        Assert.Equal([false, false, true, false], report.SerialPorts.Select(p => p.NoUart));
        Assert.Equal("ch341-uart", report.SerialPorts[0].Driver);
        Assert.Equal(Dev("ttyAMA0"), report.SerialPorts[3].Target);
        Assert.Contains("pembaca? " + Dev("input/event3"), report.ToString(), StringComparison.Ordinal);
        Assert.Contains(Dev("gpiochip0"), Assert.Single(report.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_machine_gives_an_empty_report_not_an_error()
    {
        var report = DeviceInventory.Collect(Path.Combine(root, "no-dev"), Path.Combine(root, "no-sys"));

        Assert.Empty(report.GpioChips);
        Assert.Empty(report.InputDevices);
        Assert.Empty(report.SerialPorts);
        Assert.Contains("tidak ditemukan (tidak ada /dev/gpiochip*)", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void This_machine_is_inventoried_without_crashing_and_matches_dev()
    {
        var report = DeviceInventory.Collect();
        output.WriteLine(report.ToString());

        Assert.Equal(Directory.GetFiles("/dev", "gpiochip*").Length, report.GpioChips.Count);
        var expectedSerial = new[] { "ttyUSB*", "ttyACM*", "ttyAMA*", "ttyS*", "serial0", "serial1" }
            .SelectMany(p => Directory.GetFileSystemEntries("/dev", p)).Order(StringComparer.Ordinal);
        Assert.Equal(expectedSerial, report.SerialPorts.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Equal(
            Directory.Exists("/dev/input") ? Directory.GetFileSystemEntries("/dev/input", "event*").Length : 0,
            report.InputDevices.Count);
    }

    [Theory]
    [InlineData("10000ffc", true)]
    [InlineData("1f 0 10000ffc", true)]
    [InlineData("10000ff8", false)]
    [InlineData("0", false)]
    [InlineData("zz", false)]
    [InlineData("", false)]
    public void Keyboard_capability_needs_the_digit_row_and_enter(string bitmap, bool keyboard)
    {
        Assert.Equal(keyboard, DeviceInventory.HasKeyboardKeys(bitmap));
    }
}
