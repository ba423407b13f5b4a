namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>gpio_v2_line_event.id: which way the line's logical value went (active-low already applied by the kernel).</summary>
public enum GpioEdge
{
    Rising = 1,
    Falling = 2,
}
