using System.Text.RegularExpressions;
using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Printing;
using Kiosk.Device.Text;
using Kiosk.DeviceDrivers;
using Kiosk.Queue.Configuration;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.Units;

/// <summary>The printer transports are one table: the validator, the factory, the printer's name and kiosk-setup agree with it.</summary>
public sealed partial class PrinterTransportTableTests
{
    private const string UnknownSentence = "Kiosk:Printer:Transport: harus salah satu dari device, tcp, serial, simulated, tertulis 'xyz'";

    private static KioskOptions Valid(string transport) => new()
    {
        Site = new SiteOptions { Id = "pkm-letung", Name = "Puskesmas Letung", TimeZone = "Asia/Jakarta" },
        DataDirectory = "/var/lib/kiosk",
        Mqtt = new MqttOptions { Password = "x" },
        Printer = new PrinterOptions { Transport = transport, Host = "192.168.1.50" },
        Hardware = new HardwareOptions { Kind = "simulated" },
        Buttons = [new PatientButtonOptions { Id = "umum", Service = "UMUM", Label = "Umum" }],
    };

    [Fact]
    public void An_unknown_transport_is_a_configuration_error_naming_the_known_ones()
    {
        var result = new KioskOptionsValidator().Validate(null, Valid("xyz"));

        Assert.Contains(UnknownSentence, result.Failures ?? []);
        var error = Assert.Throws<DeviceConfigurationException>(() => DeviceRegistration.CreatePrinter(Valid("xyz")));
        Assert.Equal(UnknownSentence, error.Message);
    }

    [Fact]
    public void An_unknown_transport_is_not_named_as_a_usb_printer()
    {
        var name = Teks.PrinterName(Valid("xyz").Printer);

        Assert.DoesNotContain("USB", name, StringComparison.Ordinal);
        Assert.Contains("'xyz'", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("device", "Device")]
    [InlineData("serial", "Device")]
    [InlineData("tcp", "Host")]
    public void A_transport_without_its_required_key_names_the_key(string transport, string key)
    {
        var options = Valid(transport);
        options.Printer.Device = string.Empty;
        options.Printer.Host = string.Empty;

        var result = new KioskOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures ?? [], f => f.StartsWith($"Kiosk:Printer:{key}: wajib diisi (untuk transport {transport},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_transport_in_the_table_passes_the_validator_and_gets_a_printer_and_a_name()
    {
        foreach (var transport in PrinterTransports.All)
        {
            var options = Valid(transport.Name);

            Assert.True(new KioskOptionsValidator().Validate(null, options).Succeeded, transport.Name);
            await using var printer = DeviceRegistration.CreatePrinter(options);
            Assert.StartsWith("printer ", Teks.PrinterName(options.Printer), StringComparison.Ordinal);
        }

        Assert.Equal(PrinterTransports.All.Count, PrinterTransports.All.Select(t => Teks.PrinterName(Valid(t.Name).Printer).Split(' ')[1]).Distinct().Count());
    }

    [Fact]
    public void Kiosk_setup_offers_exactly_the_transports_of_the_table()
    {
        var setup = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "package", "kiosk-setup"));

        // The help line: "--printer P        device:/dev/usb/lp0 (bawaan) | tcp:ALAMAT[:PORT] | ...".
        var help = PrinterHelpLine().Match(setup);
        Assert.True(help.Success, "kiosk-setup has no --printer help line");
        var offered = help.Groups["forms"].Value.Split('|', StringSplitOptions.TrimEntries).Select(f => f.Replace(" (bawaan)", string.Empty, StringComparison.Ordinal));
        Assert.Equal(PrinterTransports.All.Select(t => t.SetupForm), offered);

        // What it writes: Kiosk__Printer__Transport=NAME for each name of the table and no other.
        var written = WrittenTransport().Matches(setup).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal);
        Assert.Equal(PrinterTransports.All.Select(t => t.Name).Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));

        // The refusal of an unknown --printer lists every form.
        var refusal = setup.Split('\n').Single(line => line.Contains("--printer tidak dikenal", StringComparison.Ordinal));
        Assert.All(PrinterTransports.All, t => Assert.Contains(t.SetupForm, refusal, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"--printer P\s+(?<forms>[^\n]+)")]
    private static partial Regex PrinterHelpLine();

    [GeneratedRegex(@"Kiosk__Printer__Transport=(?<name>[a-z]+)")]
    private static partial Regex WrittenTransport();
}
