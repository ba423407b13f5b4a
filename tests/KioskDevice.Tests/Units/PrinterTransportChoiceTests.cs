using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Microsoft.Extensions.Configuration;

namespace Kiosk.Device.Tests.Units;

public sealed class PrinterTransportChoiceTests
{
    [Fact]
    public async Task A_device_printer_is_write_only_unless_the_site_says_it_answers_status()
    {
        await using var writeOnly = DeviceRegistration.CreatePrinter(Bind(new Dictionary<string, string?> { ["Kiosk:Printer:Transport"] = "device" }));
        await using var answering = DeviceRegistration.CreatePrinter(Bind(new Dictionary<string, string?>
        {
            ["Kiosk:Printer:Transport"] = "device",
            ["Kiosk:Printer:Bidirectional"] = "true",
        }));

        Assert.False(writeOnly.IsBidirectional);
        Assert.True(answering.IsBidirectional);
    }

    private static KioskOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(KioskOptions.Section).Get<KioskOptions>()!;
}
