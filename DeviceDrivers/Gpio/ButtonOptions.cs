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
            problems.Add("belum ada tombol yang dikonfigurasi");
        }

        foreach (var duplicate in buttons.GroupBy(b => b.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Id tombol \"{duplicate.Key}\" dipakai {duplicate.Count()} kali");
        }

        foreach (var b in buttons)
        {
            var name = string.IsNullOrWhiteSpace(b.Id) ? "(tombol tanpa Id)" : b.Id;
            if (string.IsNullOrWhiteSpace(b.Id))
            {
                problems.Add("ada tombol tanpa Id");
            }

            if (requireWiring && (string.IsNullOrWhiteSpace(b.Chip) || string.IsNullOrWhiteSpace(b.Line)))
            {
                problems.Add($"{name}: Chip dan Line wajib diisi");
            }

            if (b.DebounceMs is < 0 or > 1000)
            {
                problems.Add($"{name}: DebounceMs harus 0..1000, tertulis {b.DebounceMs}");
            }

            if (b.LockoutMs is < 0 or > 60_000)
            {
                problems.Add($"{name}: LockoutMs harus 0..60000, tertulis {b.LockoutMs}");
            }

            if (b.LongPressMs < 0 || (b.LongPressMs > 0 && b.LongPressMs <= b.DebounceMs))
            {
                problems.Add($"{name}: LongPressMs harus 0 (mati) atau lebih lama dari DebounceMs, tertulis {b.LongPressMs}");
            }

            if (b.StuckAfterSeconds < 1 || b.StuckAfterSeconds * 1000L <= b.LongPressMs)
            {
                problems.Add($"{name}: StuckAfterSeconds harus minimal 1 dan lebih lama dari LongPressMs, tertulis {b.StuckAfterSeconds}");
            }
        }

        if (problems.Count > 0)
        {
            throw new DeviceConfigurationException(DriverTeks.ButtonsInvalid(problems));
        }
    }
}
