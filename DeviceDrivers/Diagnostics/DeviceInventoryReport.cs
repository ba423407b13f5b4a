using System.Globalization;
using System.Text;

namespace Kiosk.DeviceDrivers.Diagnostics;

/// <summary>What the doctor found; <see cref="ToString"/> is the printable report for a technician.</summary>
public sealed record DeviceInventoryReport(
    IReadOnlyList<GpioChipReport> GpioChips,
    IReadOnlyList<InputDeviceReport> InputDevices,
    IReadOnlyList<SerialPortReport> SerialPorts,
    IReadOnlyList<string> Problems)
{
    public IEnumerable<InputDeviceReport> Readers => InputDevices.Where(d => d.LooksLikeReader);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("GPIO chips:");
        if (GpioChips.Count == 0)
        {
            text.AppendLine("  none found (no /dev/gpiochip*)");
        }

        foreach (var chip in GpioChips)
        {
            if (chip.Info is null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {chip.Path}: cannot read: {chip.Error}");
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {chip.Path}: {chip.Info.Name} \"{chip.Info.Label}\", {chip.Info.Lines} lines");
            foreach (var line in chip.Lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
            }

            if (chip.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    (line list incomplete: {chip.Error})");
            }
        }

        text.AppendLine("Input devices:");
        if (InputDevices.Count == 0)
        {
            text.AppendLine("  none found (no /dev/input/event*)");
        }

        foreach (var device in InputDevices)
        {
            var mark = device.LooksLikeReader ? "reader?" : "       ";
            var names = device.ByIdPaths.Count > 0 ? " via " + string.Join(", ", device.ByIdPaths) : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {mark} {device.Path} \"{device.Name}\"{(device.HasKeyboardKeys ? " keys" : string.Empty)}{names}");
        }

        text.AppendLine("Serial ports:");
        if (SerialPorts.Count == 0)
        {
            text.AppendLine("  none found");
        }

        foreach (var port in SerialPorts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {port.Path}{(port.Target is null ? string.Empty : " -> " + port.Target)}{(port.Driver is null ? string.Empty : " (" + port.Driver + ")")}{(port.NoUart ? " no UART behind it" : string.Empty)}");
        }

        if (Problems.Count > 0)
        {
            text.AppendLine("Problems:");
            foreach (var problem in Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {problem}");
            }
        }

        return text.ToString();
    }
}
