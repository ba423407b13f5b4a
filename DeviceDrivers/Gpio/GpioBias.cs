namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>The internal resistor on an input line. A button to ground wants <see cref="PullUp"/> with active-low.</summary>
public enum GpioBias
{
    /// <summary>Leave the line's bias as the board or device tree configured it.</summary>
    AsIs,
    PullUp,
    PullDown,
    Disabled,
}
