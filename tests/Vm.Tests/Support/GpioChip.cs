namespace Kiosk.Vm.Tests.Support;

/// <summary>A gpio-sim chip in the guest: its /dev name and the sysfs folder holding its sim_gpioN line controls.</summary>
internal sealed record GpioChip(string Name, string Sysfs);
