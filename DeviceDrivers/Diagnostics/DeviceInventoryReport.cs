using System.Globalization;
using System.Text;
using T = Kiosk.DeviceDrivers.Text.DriverTeks.Teknisi;

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
        text.AppendLine(T.GpioChipsTitle);
        if (GpioChips.Count == 0)
        {
            text.AppendLine(T.NoGpioChips);
        }

        foreach (var chip in GpioChips)
        {
            if (chip.Info is null)
            {
                text.AppendLine(T.ChipUnreadable(chip.Path, chip.Error));
                continue;
            }

            text.AppendLine(T.Chip(chip.Path, chip.Info.Name, chip.Info.Label, chip.Info.Lines));
            foreach (var line in chip.Lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
            }

            if (chip.Error is not null)
            {
                text.AppendLine(T.LinesIncomplete(chip.Error));
            }
        }

        text.AppendLine(T.InputDevicesTitle);
        if (InputDevices.Count == 0)
        {
            text.AppendLine(T.NoInputDevices);
        }

        foreach (var device in InputDevices)
        {
            var mark = device.LooksLikeReader ? T.ReaderMark : "        ";
            var names = device.ByIdPaths.Count > 0 ? T.Via(device.ByIdPaths) : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {mark} {device.Path} \"{device.Name}\"{(device.HasKeyboardKeys ? T.KeyboardKeys : string.Empty)}{names}");
        }

        text.AppendLine(T.SerialPortsTitle);
        if (SerialPorts.Count == 0)
        {
            text.AppendLine(T.NoneFound);
        }

        foreach (var port in SerialPorts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {port.Path}{(port.Target is null ? string.Empty : " -> " + port.Target)}{(port.Driver is null ? string.Empty : " (" + port.Driver + ")")}{(port.NoUart ? T.NoUart : string.Empty)}");
        }

        if (Problems.Count > 0)
        {
            text.AppendLine(T.ProblemsTitle);
            foreach (var problem in Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {problem}");
            }
        }

        return text.ToString();
    }
}
