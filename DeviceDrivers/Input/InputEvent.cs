namespace Kiosk.DeviceDrivers.Input;

/// <summary>One decoded struct input_event; <see cref="Time"/> is the kernel's timeval as a span since its epoch.</summary>
public readonly record struct InputEvent(TimeSpan Time, ushort Type, ushort Code, int Value);
