namespace Kiosk.DeviceDrivers.Gpio;

public enum ButtonEventKind
{
    /// <summary>A debounced press outside the lock-out: the one event that may issue a ticket.</summary>
    Pressed,

    /// <summary>The press lasted past LongPressMs (technician action); follows the Pressed of the same press.</summary>
    LongPressed,

    /// <summary>The button stayed down past StuckAfterSeconds; reported once per stuck period.</summary>
    Stuck,

    /// <summary>The button came back up after a Pressed or a Stuck.</summary>
    Released,
}
