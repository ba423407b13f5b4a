using System.Globalization;

namespace Kiosk.Device.Configuration;

/// <summary>
/// The one spelling of a kiosk on simulated hardware (buttons and lamps in memory, the simulated printer, no card
/// reader) against a given broker, as configuration keys over appsettings.json. The simulator, the process tests and
/// the arm64 package test start from it and add or replace only what they exercise (a TCP printer, a serial reader, a
/// shorter keep-alive), so a new required setting is added here once.
/// </summary>
public static class SimulatedKioskSettings
{
    public static Dictionary<string, string> Create(SimulatedKioskBroker broker, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kiosk:Site:Id"] = broker.Site,
            ["Kiosk:Mqtt:Host"] = broker.Host,
            ["Kiosk:Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Kiosk:Mqtt:Username"] = broker.Username,
            ["Kiosk:Mqtt:Password"] = broker.Password,
            ["Kiosk:Hardware:Kind"] = "simulated",
            ["Kiosk:Printer:Transport"] = Printing.PrinterTransports.Simulated,
            ["Kiosk:Reader:Kind"] = "none",
            ["Kiosk:DataDirectory"] = dataDirectory,
        };
    }
}
