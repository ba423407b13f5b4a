using System.Globalization;
using Kiosk.DeviceDrivers.Gpio;

namespace Kiosk.DeviceDrivers.Diagnostics;

/// <summary>
/// The doctor's inventory: GPIO chips and lines, input devices that look like keyboard-wedge readers, serial
/// ports. Reads /dev and /sys only; anything unreadable becomes a line in <see cref="DeviceInventoryReport.Problems"/>,
/// never an exception, so it runs the same on a bare container and on a Pi full of hardware.
/// </summary>
public static class DeviceInventory
{
    private static readonly string[] SerialPatterns = ["ttyUSB*", "ttyACM*", "ttyAMA*", "ttyS*", "serial0", "serial1"];
    private static readonly string[] ReaderWords = ["barcode", "scanner", "scan", "qr", "reader", "rfid", "card"];

    public static DeviceInventoryReport Collect() => Collect("/dev", "/sys");

    /// <summary>With other roots for tests: a temp folder laid out like /dev and /sys.</summary>
    public static DeviceInventoryReport Collect(string devRoot, string sysRoot)
    {
        var problems = new List<string>();
        return new DeviceInventoryReport(
            Guard(() => CollectGpio(devRoot, problems), "GPIO", problems),
            Guard(() => CollectInput(devRoot, sysRoot), "input devices", problems),
            Guard(() => CollectSerial(devRoot, sysRoot), "serial ports", problems),
            problems);
    }

    private static List<T> Guard<T>(Func<List<T>> collect, string what, List<string> problems)
    {
        try
        {
            return collect();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"Listing {what} failed: {ex.Message}");
            return [];
        }
    }

    private static List<GpioChipReport> CollectGpio(string devRoot, List<string> problems)
    {
        var chips = new List<GpioChipReport>();
        foreach (var path in GpioChipLocator.ListChipPaths(devRoot))
        {
            GpioChipInfo? info = null;
            var lines = new List<GpioLineInfo>();
            try
            {
                using var chip = new GpioChip(LinuxGpioChipIo.Open(path));
                info = chip.Info;
                for (uint i = 0; i < info.Lines; i++)
                {
                    lines.Add(chip.GetLineInfo(i));
                }

                chips.Add(new GpioChipReport(path, info, lines, null));
            }
            catch (GpioException ex)
            {
                problems.Add($"{path}: {ex.Message}");
                chips.Add(new GpioChipReport(path, info, lines, ex.Message));
            }
        }

        return chips;
    }

    private static List<InputDeviceReport> CollectInput(string devRoot, string sysRoot)
    {
        var inputDir = Path.Combine(devRoot, "input");
        if (!Directory.Exists(inputDir))
        {
            return [];
        }

        var byId = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byIdDir = Path.Combine(inputDir, "by-id");
        if (Directory.Exists(byIdDir))
        {
            foreach (var link in Directory.GetFileSystemEntries(byIdDir).Order(StringComparer.Ordinal))
            {
                var target = ResolveLink(link);
                if (target is not null)
                {
                    (byId.TryGetValue(target, out var names) ? names : byId[target] = []).Add(link);
                }
            }
        }

        var devices = new List<InputDeviceReport>();
        foreach (var node in Directory.GetFileSystemEntries(inputDir, "event*").OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))
        {
            var eventName = Path.GetFileName(node);
            var sysDevice = Path.Combine(sysRoot, "class", "input", eventName, "device");
            var name = ReadSys(Path.Combine(sysDevice, "name")) ?? "(unknown)";
            var keys = HasKeyboardKeys(ReadSys(Path.Combine(sysDevice, "capabilities", "key")));
            var links = byId.TryGetValue(Path.GetFullPath(node), out var found) ? found : [];
            var readerLike = keys && (links.Any(l => l.EndsWith("-event-kbd", StringComparison.Ordinal))
                || ReaderWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)));
            devices.Add(new InputDeviceReport(node, links, name, keys, readerLike));
        }

        return devices;
    }

    private static List<SerialPortReport> CollectSerial(string devRoot, string sysRoot)
    {
        if (!Directory.Exists(devRoot))
        {
            return [];
        }

        var ports = new List<SerialPortReport>();
        foreach (var pattern in SerialPatterns)
        {
            foreach (var path in Directory.GetFileSystemEntries(devRoot, pattern).OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))
            {
                var target = new FileInfo(path).LinkTarget is not null ? ResolveLink(path) : null;
                var tty = Path.GetFileName(target ?? path);
                var driverLink = Path.Combine(sysRoot, "class", "tty", tty, "device", "driver");
                var driver = Directory.Exists(driverLink) || File.Exists(driverLink) ? Path.GetFileName(ResolveLink(driverLink) ?? driverLink) : null;
                var noUart = ReadSys(Path.Combine(sysRoot, "class", "tty", tty, "type")) == "0";
                ports.Add(new SerialPortReport(path, target, driver, noUart));
            }
        }

        return ports;
    }

    /// <summary>
    /// /sys/.../capabilities/key: hex words, most significant first, each one kernel long. A reader must at least
    /// have the digit row and Enter (KEY_1..KEY_0 = 2..11, KEY_ENTER = 28).
    /// </summary>
    internal static bool HasKeyboardKeys(string? bitmap)
    {
        if (string.IsNullOrWhiteSpace(bitmap))
        {
            return false;
        }

        var words = bitmap.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lowest = words[^1];
        if (!ulong.TryParse(lowest, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        const ulong digitsAndEnter = (0x3FFUL << 2) | (1UL << 28);
        return (bits & digitsAndEnter) == digitsAndEnter;
    }

    private static string? ReadSys(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ResolveLink(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
