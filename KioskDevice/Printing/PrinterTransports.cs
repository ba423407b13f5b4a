using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Text;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.Device.Printing;

/// <summary>
/// The one list of printer transports (Kiosk:Printer:Transport): the options validator, the device registration,
/// the technician's printer name and kiosk-setup's --printer help all read it, so a new transport is one entry here
/// (kiosk-setup is a shell script; PrinterTransportTableTests keeps its help and its cases equal to this list).
/// </summary>
public static class PrinterTransports
{
    public const string UsbDevice = "device";
    public const string Network = "tcp";
    public const string Serial = "serial";
    public const string Simulated = "simulated";

    public static IReadOnlyList<PrinterTransport> All { get; } =
    [
        new(UsbDevice, [PrinterSetting.Device("/dev/usb/lp0")], "device:/dev/usb/lp0", Teks.UsbPrinterName,
            (printer, timeouts) => new DeviceFilePrinterTransport(printer.Device, timeouts, printer.Bidirectional)),
        new(Network, [PrinterSetting.Host], "tcp:ALAMAT[:PORT]", Teks.NetworkPrinterName,
            (printer, timeouts) => new TcpPrinterTransport(printer.Host, printer.Port, timeouts)),
        new(Serial, [PrinterSetting.Device("/dev/ttyUSB0")], "serial:/dev/ttyUSB0", Teks.SerialPrinterName,
            (printer, timeouts) => new SerialPrinterTransport(new Kiosk.DeviceDrivers.Serial.SerialSettings(printer.Device, printer.BaudRate), timeouts)),
        new(Simulated, [], Simulated, Teks.SimulatedPrinterName,
            (printer, _) => new SimulatedPrinterTransport(DeviceRegistration.Paper(printer))),
    ];

    /// <summary>"device, tcp, serial, simulated": the names as a technician types them.</summary>
    public static string Names => string.Join(", ", All.Select(t => t.Name));

    /// <summary>The transport by its configured name (exact, as the validator checks it), or null when unknown.</summary>
    public static PrinterTransport? Find(string? name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}

/// <summary>One printer transport: its name, the keys it needs filled, kiosk-setup's form, its name for people and its factory.</summary>
/// <param name="SetupForm">How kiosk-setup's --printer takes it, e.g. <c>tcp:ALAMAT[:PORT]</c>.</param>
public sealed record PrinterTransport(
    string Name,
    IReadOnlyList<PrinterSetting> Required,
    string SetupForm,
    Func<PrinterOptions, string> Describe,
    Func<PrinterOptions, PrinterTimeouts, IPrinterTransport> Create);

/// <summary>A Kiosk:Printer key a transport cannot work without, with an example value for the error sentence.</summary>
public sealed record PrinterSetting(string Key, string Example, Func<PrinterOptions, string> Read)
{
    public static PrinterSetting Host { get; } = new("Host", "192.168.1.50", p => p.Host);

    public static PrinterSetting Device(string example) => new("Device", example, p => p.Device);
}
