using Kiosk.Device.Hosting;
using Kiosk.Device.Tools;

// The kiosk and its technician commands are one program: `Kiosk.Device run` under systemd, the others by hand.
return await KioskCommandLine.InvokeAsync(args);
