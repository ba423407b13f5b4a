namespace Kiosk.Device.Configuration;

/// <summary>Kiosk-wide outputs: the "printer problem" lamp and the buzzer that tell a patient something is wrong.</summary>
public sealed class HardwareOptions
{
    /// <summary><c>gpio</c> on the Pi, <c>simulated</c> in the simulator and tests.</summary>
    public string Kind { get; set; } = "gpio";

    public string Chip { get; set; } = "gpiochip0";

    /// <summary>Lamp lit while the printer cannot print, by number or name; empty for none.</summary>
    public string ProblemLampLine { get; set; } = string.Empty;

    /// <summary>Buzzer line, by number or name; empty for none.</summary>
    public string BuzzerLine { get; set; } = string.Empty;

    /// <summary>Holding a button this long is a technician's long press (prints a test ticket), not a patient's.</summary>
    public int LongPressMilliseconds { get; set; } = 5000;

    /// <summary>After a ticket is issued from a button, further presses of it are ignored this long (impatient double press).</summary>
    public int ButtonLockoutMilliseconds { get; set; } = 1500;

    public int DebounceMilliseconds { get; set; } = 30;
}
