using System.Globalization;
using Kiosk.Device.Text;
using Kiosk.DeviceDrivers;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.Queue.Configuration;
using Microsoft.Extensions.Options;
using static Kiosk.Contract.Text.SettingTeks;

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
        void Fail(string key, string reason) => errors.Add(Line(key, reason));

        var services = queue.Services.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var known = string.Join(", ", services);
        for (var i = 0; i < options.Buttons.Count; i++)
        {
            if (!services.Contains(options.Buttons[i].Service))
            {
                Fail($"Kiosk:Buttons:{i}:Service", MustBe(Teks.Teknisi.ButtonServiceRule(known), options.Buttons[i].Service));
            }
        }

        if (options.Reader.Kind != "none")
        {
            foreach (var (key, code) in new[] { ("BpjsService", options.Reader.BpjsService), ("ReturningService", options.Reader.ReturningService) })
            {
                if (!services.Contains(code))
                {
                    Fail($"Kiosk:Reader:{key}", MustBe(Teks.Teknisi.ReaderServiceRule(known), code));
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
            Fail("Kiosk:Reader:MedicalRecordPattern", Teks.Teknisi.MedicalRecordPatternInvalid);
        }

        try
        {
            _ = new ScanParser(new ScanParserOptions { JknBookingPattern = options.Reader.JknBookingPattern });
        }
        catch (Exception ex) when (ex is DeviceConfigurationException or ArgumentException)
        {
            Fail("Kiosk:Reader:JknBookingPattern", Teks.Teknisi.JknPatternInvalid);
        }

        for (var i = 0; i < queue.Counters.Count; i++)
        {
            var id = queue.Counters[i].Id;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number.ToString(CultureInfo.InvariantCulture) != id)
            {
                Fail($"Queue:Counters:{i}:Id", MustBe(Teks.Teknisi.CounterIdRule, id));
            }
        }

        if (!EscPosCodePage.All.Any(c => c.EscTNumber == options.Printer.CodePage))
        {
            Fail("Kiosk:Printer:CodePage", OneOf(EscPosCodePage.All.Select(c => Teks.Teknisi.CodePageName(c.EscTNumber, c.Name)), options.Printer.CodePage.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(options.Printer.LogoFile) && File.Exists(options.Printer.LogoFile))
        {
            try
            {
                var logo = MonoImageReader.Load(options.Printer.LogoFile);
                var paper = options.Printer.PaperWidthMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;
                if (logo.Width > paper.DotWidth)
                {
                    Fail("Kiosk:Printer:LogoFile", Teks.Teknisi.LogoTooWide(logo.Width, paper.Name, paper.DotWidth));
                }
            }
            catch (ImageFormatException)
            {
                Fail("Kiosk:Printer:LogoFile", Teks.LogoUnreadable);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
