namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>struct gpio_v2_line_info, as the doctor prints it.</summary>
public sealed record GpioLineInfo(uint Offset, string Name, string Consumer, GpioLineModes Flags, uint DebounceMicroseconds)
{
    public bool InUse => Flags.HasFlag(GpioLineModes.Used);

    public override string ToString()
    {
        var direction = Flags.HasFlag(GpioLineModes.Output) ? "output" : "input";
        var user = InUse ? $" used by \"{Consumer}\"" : string.Empty;
        var low = Flags.HasFlag(GpioLineModes.ActiveLow) ? " active-low" : string.Empty;
        return $"line {Offset,3} {(Name.Length > 0 ? Name : "(unnamed)"),-16} {direction}{low}{user}";
    }
}
