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
        text.AppendLine("Chip GPIO:");
        if (GpioChips.Count == 0)
        {
            text.AppendLine("  tidak ada (tidak ada /dev/gpiochip*)");
        }

        foreach (var chip in GpioChips)
        {
            if (chip.Info is null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {chip.Path}: tidak dapat dibaca: {chip.Error}");
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {chip.Path}: {chip.Info.Name} \"{chip.Info.Label}\", {chip.Info.Lines} jalur");
            foreach (var line in chip.Lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
            }

            if (chip.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    (daftar jalur tidak lengkap: {chip.Error})");
            }
        }

        text.AppendLine("Perangkat input:");
        if (InputDevices.Count == 0)
        {
            text.AppendLine("  tidak ada (tidak ada /dev/input/event*)");
        }

        foreach (var device in InputDevices)
        {
            var mark = device.LooksLikeReader ? "pembaca?" : "        ";
            var names = device.ByIdPaths.Count > 0 ? " lewat " + string.Join(", ", device.ByIdPaths) : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {mark} {device.Path} \"{device.Name}\"{(device.HasKeyboardKeys ? " tombol-kunci" : string.Empty)}{names}");
        }

        text.AppendLine("Port serial:");
        if (SerialPorts.Count == 0)
        {
            text.AppendLine("  tidak ada");
        }

        foreach (var port in SerialPorts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {port.Path}{(port.Target is null ? string.Empty : " -> " + port.Target)}{(port.Driver is null ? string.Empty : " (" + port.Driver + ")")}{(port.NoUart ? " tanpa UART di belakangnya" : string.Empty)}");
        }

        if (Problems.Count > 0)
        {
            text.AppendLine("Masalah:");
            foreach (var problem in Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {problem}");
            }
        }

        return text.ToString();
    }
}
