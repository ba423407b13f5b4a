using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Configuration;

/// <summary>
/// Checks the whole configuration at start-up and names every bad key with its reason
/// (e.g. "Kiosk:Mqtt:Port: harus 1..65535, tertulis 0"): in Bahasa Indonesia, the technician reads it, so a technician fixes it in one go.
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
        void Fail(string key, string reason) => errors.Add($"{KioskOptions.Section}:{key}: {reason}");

        if (!SiteId().IsMatch(options.Site.Id) || options.Site.Id.Length > 32)
        {
            Fail("Site:Id", $"harus 1-32 huruf, angka, '-' atau '_' (menjadi bagian topik MQTT), tertulis '{options.Site.Id}'");
        }

        if (string.IsNullOrWhiteSpace(options.Site.Name))
        {
            Fail("Site:Name", "wajib diisi: dicetak di setiap tiket");
        }

        if (string.IsNullOrWhiteSpace(options.Site.TimeZone))
        {
            Fail("Site:TimeZone", "wajib diisi: Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.Site.TimeZone, out _))
        {
            Fail("Site:TimeZone", $"'{options.Site.TimeZone}' bukan zona waktu yang dikenal; pakai Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)");
        }

        if (!string.IsNullOrEmpty(options.Site.PatientPageUrl) && PatientPageUrlProblem(options.Site.PatientPageUrl) is { } problem)
        {
            Fail("Site:PatientPageUrl", $"{problem}, tertulis '{options.Site.PatientPageUrl}'");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            Fail("DataDirectory", "wajib diisi (mis. /var/lib/kiosk)");
        }

        ValidateMqtt(options.Mqtt, Fail);
        ValidatePrinter(options.Printer, Fail);
        ValidateReader(options.Reader, Fail);

        if (!HardwareKinds.Contains(options.Hardware.Kind, StringComparer.Ordinal))
        {
            Fail("Hardware:Kind", $"harus salah satu dari {string.Join(", ", HardwareKinds)}, tertulis '{options.Hardware.Kind}'");
        }

        if (options.Hardware.ButtonLockoutMilliseconds is < 0 or > 60_000)
        {
            Fail("Hardware:ButtonLockoutMilliseconds", $"harus 0..60000, tertulis {options.Hardware.ButtonLockoutMilliseconds}");
        }

        if (options.Buttons.Count == 0 && options.Reader.Kind == "none")
        {
            Fail("Buttons", "perlu minimal satu tombol (atau pembaca kartu); tanpa itu pasien tidak dapat mengambil tiket");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lines = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Buttons.Count; i++)
        {
            var button = options.Buttons[i];
            var key = $"Buttons:{i}";
            if (string.IsNullOrWhiteSpace(button.Id) || !ids.Add(button.Id))
            {
                Fail($"{key}:Id", $"wajib diisi dan tidak boleh kembar, tertulis '{button.Id}'");
            }

            if (string.IsNullOrWhiteSpace(button.Service))
            {
                Fail($"{key}:Service", "harus kode layanan dari daftar Queue:Services");
            }

            if (button.Category is not ("" or "Baru" or "Lama"))
            {
                Fail($"{key}:Category", $"harus Baru, Lama atau kosong (tidak ditanya: tiket mencantumkan persyaratan keduanya), tertulis '{button.Category}'");
            }

            if (!Payers.Contains(button.Payer, StringComparer.Ordinal))
            {
                Fail($"{key}:Payer", $"harus Umum, Bpjs atau kosong (tidak ditanya), tertulis '{button.Payer}'");
            }

            if (!Priorities.Contains(button.Priority, StringComparer.Ordinal))
            {
                Fail($"{key}:Priority", $"harus salah satu dari {string.Join(", ", Priorities)}, tertulis '{button.Priority}'");
            }

            if (options.Hardware.Kind == "gpio")
            {
                if (string.IsNullOrWhiteSpace(button.Line))
                {
                    Fail($"{key}:Line", "wajib diisi: jalur GPIO tombol, nomor (17) atau nama (GPIO17)");
                }
                else if (!lines.Add(button.Line))
                {
                    Fail($"{key}:Line", $"jalur GPIO {button.Line} dipakai dua tombol");
                }
            }
        }

        if (!string.IsNullOrEmpty(options.DayCloseTime) && !TimeOnly.TryParseExact(options.DayCloseTime, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            Fail("DayCloseTime", $"harus jam setempat seperti 16:00 (atau kosong untuk tengah malam), tertulis '{options.DayCloseTime}'");
        }

        if (options.VoidUnprintedAfterMinutes is < 1 or > 24 * 60)
        {
            Fail("VoidUnprintedAfterMinutes", $"harus 1..1440, tertulis {options.VoidUnprintedAfterMinutes}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateMqtt(MqttOptions mqtt, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            fail("Mqtt:Host", "wajib diisi (alamat broker, mis. 127.0.0.1)");
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            fail("Mqtt:Port", $"harus 1..65535, tertulis {mqtt.Port}");
        }

        if (string.IsNullOrWhiteSpace(mqtt.Username))
        {
            fail("Mqtt:Username", "wajib diisi (broker menolak klien tanpa nama)");
        }

        if (!SiteId().IsMatch(mqtt.KioskId))
        {
            fail("Mqtt:KioskId", $"harus 1-64 huruf, angka, '-' atau '_', tertulis '{mqtt.KioskId}'");
        }

        if (mqtt.KeepAliveSeconds is < 5 or > 600)
        {
            fail("Mqtt:KeepAliveSeconds", $"harus 5..600, tertulis {mqtt.KeepAliveSeconds}");
        }

        foreach (var (key, file) in new[] { ("CaCertificateFile", mqtt.CaCertificateFile), ("ClientCertificateFile", mqtt.ClientCertificateFile), ("ClientKeyFile", mqtt.ClientKeyFile) })
        {
            if (mqtt.UseTls && !string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                fail($"Mqtt:{key}", $"berkas '{file}' tidak ada");
            }
        }
    }

    private static void ValidatePrinter(PrinterOptions printer, Action<string, string> fail)
    {
        if (Printing.PrinterTransports.Find(printer.Transport) is not { } transport)
        {
            fail("Printer:Transport", Text.Teks.UnknownPrinterTransport(printer.Transport, Printing.PrinterTransports.Names));
        }
        else
        {
            foreach (var setting in transport.Required.Where(s => string.IsNullOrWhiteSpace(s.Read(printer))))
            {
                fail($"Printer:{setting.Key}", $"wajib diisi untuk transport {transport.Name} (mis. {setting.Example})");
            }
        }

        if (printer.Port is < 1 or > 65535)
        {
            fail("Printer:Port", $"harus 1..65535, tertulis {printer.Port}");
        }

        if (printer.PaperWidthMm is not (58 or 80))
        {
            fail("Printer:PaperWidthMm", $"harus 58 atau 80, tertulis {printer.PaperWidthMm}");
        }

        if (printer.TimeoutSeconds is < 1 or > 20)
        {
            // The watchdog allows 30 s without a heartbeat; a print job must give up well before that.
            fail("Printer:TimeoutSeconds", $"harus 1..20, tertulis {printer.TimeoutSeconds}");
        }

        if (printer.StatusPollSeconds is < 1 or > 600)
        {
            fail("Printer:StatusPollSeconds", $"harus 1..600, tertulis {printer.StatusPollSeconds}");
        }

        if (!string.IsNullOrEmpty(printer.LogoFile) && !File.Exists(printer.LogoFile))
        {
            fail("Printer:LogoFile", $"berkas '{printer.LogoFile}' tidak ada");
        }
    }

    private static void ValidateReader(ReaderOptions reader, Action<string, string> fail)
    {
        if (!ReaderKinds.Contains(reader.Kind, StringComparer.Ordinal))
        {
            fail("Reader:Kind", $"harus salah satu dari {string.Join(", ", ReaderKinds)}, tertulis '{reader.Kind}'");
        }

        if (reader.Kind is "evdev" or "serial" && string.IsNullOrWhiteSpace(reader.Device))
        {
            fail("Reader:Device", $"wajib diisi untuk pembaca {reader.Kind} (pakai jalur /dev/input/by-id/... atau /dev/serial/by-id/...)");
        }

        if (reader.InterKeyGapMilliseconds is < 10 or > 5000)
        {
            fail("Reader:InterKeyGapMilliseconds", $"harus 10..5000, tertulis {reader.InterKeyGapMilliseconds}");
        }

        if (reader.Kind != "none" && (string.IsNullOrWhiteSpace(reader.BpjsService) || string.IsNullOrWhiteSpace(reader.ReturningService)))
        {
            fail("Reader:BpjsService", "dan Reader:ReturningService harus menyebut layanan tujuan kartu yang dipindai");
        }
    }

    /// <summary>Longest patient-page address: with the 22-character token the QR stays small enough for 58 mm paper.</summary>
    public const int MaxPatientPageUrlLength = 80;

    /// <summary>Why a patient-page address cannot go into the QR code, or null when it can.</summary>
    internal static string? PatientPageUrlProblem(string url)
    {
        if (url.Length > MaxPatientPageUrlLength)
        {
            return $"paling panjang {MaxPatientPageUrlLength} karakter (QR harus muat di kertas 58 mm)";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "harus alamat http:// atau https:// halaman pasien di host layar, mis. http://192.168.1.10:8080/tiket/";
        }

        if (!url.EndsWith('/') || uri.Query.Length > 0 || uri.Fragment.Length > 0 || url.Any(c => c is ' ' or '\\' || char.IsControl(c)))
        {
            return "harus berakhir dengan '/' tanpa '?', '#' atau spasi (token tiket ditulis langsung di belakangnya)";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SiteId();
}
