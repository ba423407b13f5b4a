using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Configuration;

/// <summary>
/// Checks the whole configuration at start-up and names every bad key with its reason
/// (e.g. "Kiosk:Mqtt:Port: must be 1..65535, got 0"), so a technician fixes it in one go.
/// </summary>
public sealed partial class KioskOptionsValidator : IValidateOptions<KioskOptions>
{
    private static readonly string[] Transports = ["device", "tcp", "serial", "simulated"];
    private static readonly string[] ReaderKinds = ["evdev", "serial", "simulated", "none"];
    private static readonly string[] HardwareKinds = ["gpio", "simulated"];
    private static readonly string[] Payers = ["Umum", "Bpjs"];
    private static readonly string[] Priorities = ["None", "Lansia", "IbuHamil", "Disabilitas", "Balita"];

    public ValidateOptionsResult Validate(string? name, KioskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string reason) => errors.Add($"{KioskOptions.Section}:{key}: {reason}");

        if (!SiteId().IsMatch(options.Site.Id) || options.Site.Id.Length > 32)
        {
            Fail("Site:Id", $"must be 1-32 letters, digits, '-' or '_' (it becomes an MQTT topic level), got '{options.Site.Id}'");
        }

        if (string.IsNullOrWhiteSpace(options.Site.Name))
        {
            Fail("Site:Name", "is required: it is printed on every ticket");
        }

        if (string.IsNullOrWhiteSpace(options.Site.TimeZone))
        {
            Fail("Site:TimeZone", "is required: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.Site.TimeZone, out _))
        {
            Fail("Site:TimeZone", $"'{options.Site.TimeZone}' is not a known IANA time zone; use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            Fail("DataDirectory", "is required (e.g. /var/lib/kiosk)");
        }

        ValidateMqtt(options.Mqtt, Fail);
        ValidatePrinter(options.Printer, Fail);
        ValidateReader(options.Reader, Fail);

        if (!HardwareKinds.Contains(options.Hardware.Kind, StringComparer.Ordinal))
        {
            Fail("Hardware:Kind", $"must be one of {string.Join(", ", HardwareKinds)}, got '{options.Hardware.Kind}'");
        }

        if (options.Hardware.ButtonLockoutMilliseconds is < 0 or > 60_000)
        {
            Fail("Hardware:ButtonLockoutMilliseconds", $"must be 0..60000, got {options.Hardware.ButtonLockoutMilliseconds}");
        }

        if (options.Buttons.Count == 0 && options.Reader.Kind == "none")
        {
            Fail("Buttons", "at least one button (or a reader) is needed, otherwise no patient can take a ticket");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lines = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Buttons.Count; i++)
        {
            var button = options.Buttons[i];
            var key = $"Buttons:{i}";
            if (string.IsNullOrWhiteSpace(button.Id) || !ids.Add(button.Id))
            {
                Fail($"{key}:Id", $"must be set and unique, got '{button.Id}'");
            }

            if (string.IsNullOrWhiteSpace(button.Service))
            {
                Fail($"{key}:Service", "must name a service code from the Queue:Services list");
            }

            if (button.Category is not ("" or "Baru" or "Lama"))
            {
                Fail($"{key}:Category", $"must be Baru, Lama or empty (unknown: the ticket lists what both must bring), got '{button.Category}'");
            }

            if (!Payers.Contains(button.Payer, StringComparer.Ordinal))
            {
                Fail($"{key}:Payer", $"must be Umum or Bpjs, got '{button.Payer}'");
            }

            if (!Priorities.Contains(button.Priority, StringComparer.Ordinal))
            {
                Fail($"{key}:Priority", $"must be one of {string.Join(", ", Priorities)}, got '{button.Priority}'");
            }

            if (options.Hardware.Kind == "gpio")
            {
                if (string.IsNullOrWhiteSpace(button.Line))
                {
                    Fail($"{key}:Line", "must be the GPIO line of the button, by number (17) or name (GPIO17)");
                }
                else if (!lines.Add(button.Line))
                {
                    Fail($"{key}:Line", $"GPIO line {button.Line} is used by two buttons");
                }
            }
        }

        if (!string.IsNullOrEmpty(options.DayCloseTime) && !TimeOnly.TryParseExact(options.DayCloseTime, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            Fail("DayCloseTime", $"must be a local time like 16:00 (or empty for midnight), got '{options.DayCloseTime}'");
        }

        if (options.VoidUnprintedAfterMinutes is < 1 or > 24 * 60)
        {
            Fail("VoidUnprintedAfterMinutes", $"must be 1..1440, got {options.VoidUnprintedAfterMinutes}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateMqtt(MqttOptions mqtt, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            fail("Mqtt:Host", "is required");
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            fail("Mqtt:Port", $"must be 1..65535, got {mqtt.Port}");
        }

        if (string.IsNullOrWhiteSpace(mqtt.Username))
        {
            fail("Mqtt:Username", "is required (the broker refuses anonymous clients)");
        }

        if (!SiteId().IsMatch(mqtt.KioskId))
        {
            fail("Mqtt:KioskId", $"must be 1-64 letters, digits, '-' or '_', got '{mqtt.KioskId}'");
        }

        if (mqtt.KeepAliveSeconds is < 5 or > 600)
        {
            fail("Mqtt:KeepAliveSeconds", $"must be 5..600, got {mqtt.KeepAliveSeconds}");
        }

        foreach (var (key, file) in new[] { ("CaCertificateFile", mqtt.CaCertificateFile), ("ClientCertificateFile", mqtt.ClientCertificateFile), ("ClientKeyFile", mqtt.ClientKeyFile) })
        {
            if (mqtt.UseTls && !string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                fail($"Mqtt:{key}", $"file '{file}' does not exist");
            }
        }
    }

    private static void ValidatePrinter(PrinterOptions printer, Action<string, string> fail)
    {
        if (!Transports.Contains(printer.Transport, StringComparer.Ordinal))
        {
            fail("Printer:Transport", $"must be one of {string.Join(", ", Transports)}, got '{printer.Transport}'");
        }

        if (printer.Transport is "device" or "serial" && string.IsNullOrWhiteSpace(printer.Device))
        {
            fail("Printer:Device", $"is required for the {printer.Transport} transport (e.g. /dev/usb/lp0)");
        }

        if (printer.Transport == "tcp" && string.IsNullOrWhiteSpace(printer.Host))
        {
            fail("Printer:Host", "is required for the tcp transport");
        }

        if (printer.Port is < 1 or > 65535)
        {
            fail("Printer:Port", $"must be 1..65535, got {printer.Port}");
        }

        if (printer.PaperWidthMm is not (58 or 80))
        {
            fail("Printer:PaperWidthMm", $"must be 58 or 80, got {printer.PaperWidthMm}");
        }

        if (printer.TimeoutSeconds is < 1 or > 20)
        {
            // The watchdog allows 30 s without a heartbeat; a print job must give up well before that.
            fail("Printer:TimeoutSeconds", $"must be 1..20, got {printer.TimeoutSeconds}");
        }

        if (printer.StatusPollSeconds is < 1 or > 600)
        {
            fail("Printer:StatusPollSeconds", $"must be 1..600, got {printer.StatusPollSeconds}");
        }

        if (!string.IsNullOrEmpty(printer.LogoFile) && !File.Exists(printer.LogoFile))
        {
            fail("Printer:LogoFile", $"file '{printer.LogoFile}' does not exist");
        }
    }

    private static void ValidateReader(ReaderOptions reader, Action<string, string> fail)
    {
        if (!ReaderKinds.Contains(reader.Kind, StringComparer.Ordinal))
        {
            fail("Reader:Kind", $"must be one of {string.Join(", ", ReaderKinds)}, got '{reader.Kind}'");
        }

        if (reader.Kind is "evdev" or "serial" && string.IsNullOrWhiteSpace(reader.Device))
        {
            fail("Reader:Device", $"is required for a {reader.Kind} reader (use a /dev/input/by-id or /dev/serial/by-id path)");
        }

        if (reader.Kind != "none" && (string.IsNullOrWhiteSpace(reader.BpjsService) || string.IsNullOrWhiteSpace(reader.ReturningService)))
        {
            fail("Reader:BpjsService", "and Reader:ReturningService must name the services a scanned card is queued for");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SiteId();
}
