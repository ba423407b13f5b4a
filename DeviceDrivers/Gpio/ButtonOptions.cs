using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>One physical button: where it is wired and how its presses are judged.</summary>
public sealed class ButtonOptions
{
    public string Id { get; set; } = string.Empty;

    /// <summary>"gpiochip0", "0", "/dev/gpiochip0" or a chip label such as "pinctrl-rp1" (Pi 5).</summary>
    public string Chip { get; set; } = "gpiochip0";

    /// <summary>The line offset ("17") or its name ("GPIO17").</summary>
    public string Line { get; set; } = string.Empty;

    /// <summary>A button that shorts the pin to ground reads 0 when pressed: active-low with a pull-up.</summary>
    public bool ActiveLow { get; set; } = true;

    public GpioBias Bias { get; set; } = GpioBias.PullUp;

    /// <summary>A level must hold this long to count; shorter blips are contact bounce or interference.</summary>
    public int DebounceMs { get; set; } = 30;

    /// <summary>Also ask the kernel to debounce (its debounce attribute); the software debounce runs regardless.</summary>
    public bool KernelDebounce { get; set; } = true;

    /// <summary>After a ticket from this button, presses within this time are ignored (an impatient double press).</summary>
    public int LockoutMs { get; set; } = 2000;

    /// <summary>Held this long gives LongPressed; 0 turns long-press detection off.</summary>
    public int LongPressMs { get; set; } = 3000;

    /// <summary>Held this long gives one Stuck report (jammed button, taped down, water in the switch).</summary>
    public int StuckAfterSeconds { get; set; } = 60;

    public TimeSpan Debounce => TimeSpan.FromMilliseconds(DebounceMs);

    public TimeSpan Lockout => TimeSpan.FromMilliseconds(LockoutMs);

    public TimeSpan? LongPress => LongPressMs > 0 ? TimeSpan.FromMilliseconds(LongPressMs) : null;

    public TimeSpan StuckAfter => TimeSpan.FromSeconds(StuckAfterSeconds);

    /// <summary>Checks the whole list and names every problem at once, so one config edit fixes them all.</summary>
    public static void Validate(IReadOnlyCollection<ButtonOptions> buttons, bool requireWiring)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var problems = new List<string>();
        if (buttons.Count == 0)
        {
            problems.Add(DriverTeks.Teknisi.NoButtons);
        }

        foreach (var duplicate in buttons.GroupBy(b => b.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(DriverTeks.Teknisi.ButtonIdTwice(duplicate.Key, duplicate.Count()));
        }

        foreach (var b in buttons)
        {
            var name = string.IsNullOrWhiteSpace(b.Id) ? DriverTeks.Teknisi.ButtonWithoutIdName : b.Id;
            if (string.IsNullOrWhiteSpace(b.Id))
            {
                problems.Add(DriverTeks.Teknisi.ButtonWithoutId);
            }

            if (requireWiring && (string.IsNullOrWhiteSpace(b.Chip) || string.IsNullOrWhiteSpace(b.Line)))
            {
                problems.Add(DriverTeks.Teknisi.WiringRequired(name));
            }

            if (b.DebounceMs is < 0 or > 1000)
            {
                problems.Add(DriverTeks.Teknisi.MustBe(name, "DebounceMs", "0..1000", b.DebounceMs));
            }

            if (b.LockoutMs is < 0 or > 60_000)
            {
                problems.Add(DriverTeks.Teknisi.MustBe(name, "LockoutMs", "0..60000", b.LockoutMs));
            }

            if (b.LongPressMs < 0 || (b.LongPressMs > 0 && b.LongPressMs <= b.DebounceMs))
            {
                problems.Add(DriverTeks.Teknisi.MustBe(name, "LongPressMs", DriverTeks.Teknisi.LongPressRule, b.LongPressMs));
            }

            if (b.StuckAfterSeconds < 1 || b.StuckAfterSeconds * 1000L <= b.LongPressMs)
            {
                problems.Add(DriverTeks.Teknisi.MustBe(name, "StuckAfterSeconds", DriverTeks.Teknisi.StuckAfterRule, b.StuckAfterSeconds));
            }
        }

        if (problems.Count > 0)
        {
            throw new DeviceConfigurationException(DriverTeks.ButtonsInvalid(problems));
        }
    }
}
