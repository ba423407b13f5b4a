using System.Globalization;
using Kiosk.DeviceDrivers;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.Queue.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Configuration;

/// <summary>
/// Checks the kiosk section against the queue section and the drivers, so a config that would start and then refuse
/// every press (a button for an unknown service, a counter the broker ACL cannot name, a logo wider than the paper)
/// stops at start-up instead, with the key named.
/// </summary>
public sealed class KioskQueueConsistencyValidator(QueueEngineOptions queue) : IValidateOptions<KioskOptions>
{
    public ValidateOptionsResult Validate(string? name, KioskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string reason) => errors.Add($"{key}: {reason}");

        var services = queue.Services.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var known = string.Join(", ", services);
        for (var i = 0; i < options.Buttons.Count; i++)
        {
            if (!services.Contains(options.Buttons[i].Service))
            {
                Fail($"Kiosk:Buttons:{i}:Service", $"'{options.Buttons[i].Service}' bukan layanan di Queue:Services ({known}); poli dicapai lewat penerusan dari loket, bukan tombol kiosk");
            }
        }

        if (options.Reader.Kind != "none")
        {
            foreach (var (key, code) in new[] { ("BpjsService", options.Reader.BpjsService), ("ReturningService", options.Reader.ReturningService) })
            {
                if (!services.Contains(code))
                {
                    Fail($"Kiosk:Reader:{key}", $"'{code}' bukan layanan di Queue:Services ({known})");
                }
            }
        }

        // The parser itself judges the pattern (same options, same timeout) rather than a second copy of its rules.
        try
        {
            _ = new ScanParser(new ScanParserOptions { MedicalRecordPattern = options.Reader.MedicalRecordPattern });
        }
        catch (Exception ex) when (ex is DeviceConfigurationException or ArgumentException)
        {
            // The parser's reason is .NET regex English; the technician gets what to write instead.
            Fail("Kiosk:Reader:MedicalRecordPattern", "bukan pola (regex) yang sah, atau cocok dengan teks kosong; contoh: ^RM[-/.]?(?<number>\\d{6,10})$");
        }

        try
        {
            _ = new ScanParser(new ScanParserOptions { JknBookingPattern = options.Reader.JknBookingPattern });
        }
        catch (Exception ex) when (ex is DeviceConfigurationException or ArgumentException)
        {
            Fail("Kiosk:Reader:JknBookingPattern", "bukan pola (regex) yang sah, atau cocok dengan teks kosong; lihat README, bagian Mobile JKN");
        }

        for (var i = 0; i < queue.Counters.Count; i++)
        {
            var id = queue.Counters[i].Id;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number.ToString(CultureInfo.InvariantCulture) != id)
            {
                Fail($"Queue:Counters:{i}:Id", $"'{id}' harus nomor loket 1, 2, 3...: menjadi user broker counter-N dan topik queue/<situs>/counter/N/...");
            }
        }

        if (!EscPosCodePage.All.Any(c => c.EscTNumber == options.Printer.CodePage))
        {
            Fail("Kiosk:Printer:CodePage", $"{options.Printer.CodePage} tidak didukung; pakai salah satu dari {string.Join(", ", EscPosCodePage.All.Select(c => $"{c.EscTNumber} ({c.Name})"))}");
        }

        if (!string.IsNullOrEmpty(options.Printer.LogoFile) && File.Exists(options.Printer.LogoFile))
        {
            try
            {
                var logo = MonoImageReader.Load(options.Printer.LogoFile);
                var paper = options.Printer.PaperWidthMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;
                if (logo.Width > paper.DotWidth)
                {
                    Fail("Kiosk:Printer:LogoFile", $"logo selebar {logo.Width} titik; kertas {paper.Name} paling lebar {paper.DotWidth}");
                }
            }
            catch (ImageFormatException)
            {
                Fail("Kiosk:Printer:LogoFile", $"bukan gambar PBM atau BMP 1-bit; simpan ulang logo sebagai BMP hitam-putih");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
