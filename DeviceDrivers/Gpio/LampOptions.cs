using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>One output: a button lamp, the "printer problem" LED or the buzzer.</summary>
public sealed class LampOptions
{
    public string Id { get; set; } = string.Empty;

    public string Chip { get; set; } = "gpiochip0";

    public string Line { get; set; } = string.Empty;

    /// <summary>For an LED wired from 3.3 V to the pin (lit when the pin is low).</summary>
    public bool ActiveLow { get; set; }

    public static void Validate(IReadOnlyCollection<LampOptions> lamps, string? buzzerId, bool requireWiring)
    {
        ArgumentNullException.ThrowIfNull(lamps);
        var problems = new List<string>();
        foreach (var duplicate in lamps.GroupBy(l => l.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Id lampu \"{duplicate.Key}\" dipakai {duplicate.Count()} kali");
        }

        foreach (var lamp in lamps)
        {
            if (string.IsNullOrWhiteSpace(lamp.Id))
            {
                problems.Add(DriverTeks.Teknisi.LampWithoutId);
            }
            else if (requireWiring && (string.IsNullOrWhiteSpace(lamp.Chip) || string.IsNullOrWhiteSpace(lamp.Line)))
            {
                problems.Add(DriverTeks.Teknisi.WiringRequired(lamp.Id));
            }
        }

        if (buzzerId is not null && !lamps.Any(l => l.Id == buzzerId))
        {
            problems.Add(DriverTeks.Teknisi.BuzzerUnknown(buzzerId));
        }

        if (problems.Count > 0)
        {
            throw new DeviceConfigurationException(DriverTeks.LampsInvalid(problems));
        }
    }
}
