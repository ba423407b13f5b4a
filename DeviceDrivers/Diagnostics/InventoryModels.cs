using Kiosk.DeviceDrivers.Gpio;

namespace Kiosk.DeviceDrivers.Diagnostics;

/// <summary>A GPIO chip as found, or why it could not be read.</summary>
public sealed record GpioChipReport(string Path, GpioChipInfo? Info, IReadOnlyList<GpioLineInfo> Lines, string? Error);

/// <summary>An evdev node, its stable by-id names and whether it looks like a keyboard-wedge reader.</summary>
public sealed record InputDeviceReport(string Path, IReadOnlyList<string> ByIdPaths, string Name, bool HasKeyboardKeys, bool LooksLikeReader);

/// <summary>
/// A serial port node (and where a link such as serial0 points). <paramref name="NoUart"/>: the kernel reports no
/// UART behind it (8250 "type" 0), as for most of the 32 ttyS ports a PC lists.
/// </summary>
public sealed record SerialPortReport(string Path, string? Target, string? Driver, bool NoUart = false);
