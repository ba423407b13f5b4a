using System.Globalization;
using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Finds the chip device for a configured name. Pi 3/4 put the header on gpiochip0, Pi 5 on gpiochip4 (label
/// "pinctrl-rp1"), so configuration may name the label to survive a board change.
/// </summary>
internal static class GpioChipLocator
{
    public static IReadOnlyList<string> ListChipPaths(string devRoot = "/dev") =>
        Directory.Exists(devRoot)
            ? Directory.GetFiles(devRoot, "gpiochip*").OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToList()
            : [];

    public static string Resolve(string chip, string devRoot = "/dev")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chip);
        if (chip.StartsWith('/'))
        {
            return chip;
        }

        if (uint.TryParse(chip, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Path.Combine(devRoot, $"gpiochip{number}");
        }

        if (chip.StartsWith("gpiochip", StringComparison.Ordinal))
        {
            return Path.Combine(devRoot, chip);
        }

        var seen = new List<string>();
        foreach (var path in ListChipPaths(devRoot))
        {
            try
            {
                using var candidate = new GpioChip(LinuxGpioChipIo.Open(path));
                if (string.Equals(candidate.Info.Label, chip, StringComparison.Ordinal))
                {
                    return path;
                }

                seen.Add($"{path} ({candidate.Info.Label})");
            }
            catch (GpioException ex)
            {
                seen.Add($"{path} ({DriverTeks.GpioChipUnreadable(ex.Message)})");
            }
        }

        throw new DeviceConfigurationException(DriverTeks.GpioChipLabelMissing(chip, seen));
    }
}
