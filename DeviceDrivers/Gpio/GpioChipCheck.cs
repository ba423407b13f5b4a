using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Whether a configured chip exists, asked before any panel opens a line: a kiosk configured for GPIO on a machine
/// without that chip is a configuration error with the key named, not a failed start.
/// </summary>
public static class GpioChipCheck
{
    /// <summary>Null when <paramref name="chip"/> (a path, a number, "gpiochipN" or a label) names a chip that exists; otherwise why not.</summary>
    public static string? Problem(string chip, string devRoot = "/dev")
    {
        string path;
        try
        {
            path = GpioChipLocator.Resolve(chip, devRoot);
        }
        catch (DeviceConfigurationException ex)
        {
            return ex.Message;
        }

        return File.Exists(path) ? null : DriverTeks.GpioChipMissing(path, GpioChipLocator.ListChipPaths(devRoot));
    }
}
