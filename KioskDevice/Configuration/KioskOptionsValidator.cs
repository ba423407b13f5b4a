using System.Text.RegularExpressions;
using Kiosk.Device.Text;
using Microsoft.Extensions.Options;
using static Kiosk.Contract.Text.SettingTeks;

namespace Kiosk.Device.Configuration;

/// <summary>
/// Checks the whole configuration at start-up and names every bad key with its reason
/// (e.g. "Kiosk:Mqtt:Port: harus 1..65535, tertulis 0", in the shared shapes of <see cref="Kiosk.Contract.Text.SettingTeks"/>): in Bahasa Indonesia, the technician reads it, so a technician fixes it in one go.
/// </summary>
public sealed partial class KioskOptionsValidator : IValidateOptions<KioskOptions>
{
    private static readonly string[] ReaderKinds = ["evdev", "serial", "simulated", "none"];
    private static readonly string[] HardwareKinds = ["gpio", "simulated"];
    private static readonly string[] Payers = ["", "Umum", "Bpjs"];
    private static readonly string[] Priorities = ["None", "Lansia", "IbuHamil", "Disabilitas", "Balita", "Unspecified"];

    public ValidateOptionsResult Validate(string? name, KioskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string reason) => errors.Add(Line($"{KioskOptions.Section}:{key}", reason));

        if (!SiteId().IsMatch(options.Site.Id) || options.Site.Id.Length > 32)
        {
            Fail("Site:Id", MustBe(Teks.Teknisi.SiteIdRule, options.Site.Id));
        }

        if (string.IsNullOrWhiteSpace(options.Site.Name))
        {
            Fail("Site:Name", Required(Teks.Teknisi.SiteNameWhy));
        }

        if (string.IsNullOrWhiteSpace(options.Site.TimeZone))
        {
            Fail("Site:TimeZone", TimeZoneRequired);
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.Site.TimeZone, out _))
        {
            Fail("Site:TimeZone", UnknownTimeZone(options.Site.TimeZone));
        }

        if (!string.IsNullOrEmpty(options.Site.PatientPageUrl) && PatientPageUrlProblem(options.Site.PatientPageUrl) is { } problem)
        {
            Fail("Site:PatientPageUrl", MustBe(problem, options.Site.PatientPageUrl));
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            Fail("DataDirectory", Required(Teks.Teknisi.DataDirectoryExample));
        }

        ValidateMqtt(options.Mqtt, Fail);
        ValidatePrinter(options.Printer, Fail);
        ValidateReader(options.Reader, Fail);

        if (!HardwareKinds.Contains(options.Hardware.Kind, StringComparer.Ordinal))
        {
            Fail("Hardware:Kind", OneOf(HardwareKinds, options.Hardware.Kind));
        }

        if (options.Hardware.ButtonLockoutMilliseconds is < 0 or > 60_000)
        {
            Fail("Hardware:ButtonLockoutMilliseconds", InRange(0, 60_000, options.Hardware.ButtonLockoutMilliseconds));
        }

        if (options.Buttons.Count == 0 && options.Reader.Kind == "none")
        {
            Fail("Buttons", Teks.Teknisi.NoButtons);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lines = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Buttons.Count; i++)
        {
            var button = options.Buttons[i];
            var key = $"Buttons:{i}";
            if (string.IsNullOrWhiteSpace(button.Id) || !ids.Add(button.Id))
            {
                Fail($"{key}:Id", MustBe(Teks.Teknisi.UniqueIdRule, button.Id));
            }

            if (string.IsNullOrWhiteSpace(button.Service))
            {
                Fail($"{key}:Service", MustBe(Teks.Teknisi.ServiceCodeRule, button.Service));
            }

            if (button.Category is not ("" or "Baru" or "Lama"))
            {
                Fail($"{key}:Category", MustBe(Teks.Teknisi.CategoryRule, button.Category));
            }

            if (!Payers.Contains(button.Payer, StringComparer.Ordinal))
            {
                Fail($"{key}:Payer", MustBe(Teks.Teknisi.PayerRule, button.Payer));
            }

            if (!Priorities.Contains(button.Priority, StringComparer.Ordinal))
            {
                Fail($"{key}:Priority", OneOf(Priorities, button.Priority));
            }

            if (options.Hardware.Kind == "gpio")
            {
                if (string.IsNullOrWhiteSpace(button.Line))
                {
                    Fail($"{key}:Line", Required(Teks.Teknisi.GpioLineWhy));
                }
                else if (!lines.Add(button.Line))
                {
                    Fail($"{key}:Line", Teks.Teknisi.GpioLineTwice(button.Line));
                }
            }
        }

        if (!string.IsNullOrEmpty(options.DayCloseTime) && !TimeOnly.TryParseExact(options.DayCloseTime, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            Fail("DayCloseTime", MustBe(Teks.Teknisi.DayCloseTimeRule, options.DayCloseTime));
        }

        if (options.VoidUnprintedAfterMinutes is < 1 or > 24 * 60)
        {
            Fail("VoidUnprintedAfterMinutes", InRange(1, 1440, options.VoidUnprintedAfterMinutes, "menit"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateMqtt(MqttOptions mqtt, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            fail("Mqtt:Host", Required(Teks.Teknisi.BrokerHostWhy));
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            fail("Mqtt:Port", InRange(1, 65535, mqtt.Port));
        }

        if (string.IsNullOrWhiteSpace(mqtt.Username))
        {
            fail("Mqtt:Username", Required(Teks.Teknisi.BrokerUserWhy));
        }

        if (!SiteId().IsMatch(mqtt.KioskId))
        {
            fail("Mqtt:KioskId", MustBe(Teks.Teknisi.KioskIdRule, mqtt.KioskId));
        }

        if (mqtt.KeepAliveSeconds is < 5 or > 600)
        {
            fail("Mqtt:KeepAliveSeconds", InRange(5, 600, mqtt.KeepAliveSeconds, "detik"));
        }

        foreach (var (key, file) in new[] { ("CaCertificateFile", mqtt.CaCertificateFile), ("ClientCertificateFile", mqtt.ClientCertificateFile), ("ClientKeyFile", mqtt.ClientKeyFile) })
        {
            if (mqtt.UseTls && !string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                fail($"Mqtt:{key}", FileMissing(file));
            }
        }
    }

    private static void ValidatePrinter(PrinterOptions printer, Action<string, string> fail)
    {
        if (Printing.PrinterTransports.Find(printer.Transport) is not { } transport)
        {
            fail("Printer:Transport", OneOf(Printing.PrinterTransports.All.Select(t => t.Name), printer.Transport));
        }
        else
        {
            foreach (var setting in transport.Required.Where(s => string.IsNullOrWhiteSpace(s.Read(printer))))
            {
                fail($"Printer:{setting.Key}", Required(Teks.Teknisi.PrinterSettingWhy(transport.Name, setting.Example)));
            }
        }

        if (printer.Port is < 1 or > 65535)
        {
            fail("Printer:Port", InRange(1, 65535, printer.Port));
        }

        if (printer.PaperWidthMm is not (58 or 80))
        {
            fail("Printer:PaperWidthMm", MustBe(Teks.Teknisi.PaperWidthRule, printer.PaperWidthMm));
        }

        if (printer.TimeoutSeconds is < 1 or > 20)
        {
            // The watchdog allows 30 s without a heartbeat; a print job must give up well before that.
            fail("Printer:TimeoutSeconds", InRange(1, 20, printer.TimeoutSeconds, "detik"));
        }

        if (printer.StatusPollSeconds is < 1 or > 600)
        {
            fail("Printer:StatusPollSeconds", InRange(1, 600, printer.StatusPollSeconds, "detik"));
        }

        if (!string.IsNullOrEmpty(printer.LogoFile) && !File.Exists(printer.LogoFile))
        {
            fail("Printer:LogoFile", FileMissing(printer.LogoFile));
        }
    }

    private static void ValidateReader(ReaderOptions reader, Action<string, string> fail)
    {
        if (!ReaderKinds.Contains(reader.Kind, StringComparer.Ordinal))
        {
            fail("Reader:Kind", OneOf(ReaderKinds, reader.Kind));
        }

        if (reader.Kind is "evdev" or "serial" && string.IsNullOrWhiteSpace(reader.Device))
        {
            fail("Reader:Device", Required(Teks.Teknisi.ReaderDeviceWhy(reader.Kind)));
        }

        if (reader.InterKeyGapMilliseconds is < 10 or > 5000)
        {
            fail("Reader:InterKeyGapMilliseconds", InRange(10, 5000, reader.InterKeyGapMilliseconds, "ms"));
        }

        if (reader.Kind != "none" && (string.IsNullOrWhiteSpace(reader.BpjsService) || string.IsNullOrWhiteSpace(reader.ReturningService)))
        {
            fail("Reader:BpjsService", Teks.Teknisi.ReaderServicesMissing);
        }
    }

    /// <summary>Longest patient-page address: with the 22-character token the QR stays small enough for 58 mm paper.</summary>
    public const int MaxPatientPageUrlLength = 80;

    /// <summary>Why a patient-page address cannot go into the QR code, or null when it can.</summary>
    internal static string? PatientPageUrlProblem(string url)
    {
        if (url.Length > MaxPatientPageUrlLength)
        {
            return Teks.Teknisi.PatientPageUrlTooLong(MaxPatientPageUrlLength);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return Teks.Teknisi.PatientPageUrlNotHttp;
        }

        if (!url.EndsWith('/') || uri.Query.Length > 0 || uri.Fragment.Length > 0 || url.Any(c => c is ' ' or '\\' || char.IsControl(c)))
        {
            return Teks.Teknisi.PatientPageUrlEnding;
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SiteId();
}
