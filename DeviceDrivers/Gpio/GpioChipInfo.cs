namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>struct gpiochip_info: e.g. gpiochip0 / "pinctrl-bcm2711" / 58 lines.</summary>
public sealed record GpioChipInfo(string Path, string Name, string Label, int Lines);
