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
                Fail($"Kiosk:Buttons:{i}:Service", $"'{options.Buttons[i].Service}' is not a service in Queue:Services ({known}); a poli is reached by transfer, not by a kiosk button");
            }
        }

        if (options.Reader.Kind != "none")
        {
            foreach (var (key, code) in new[] { ("BpjsService", options.Reader.BpjsService), ("ReturningService", options.Reader.ReturningService) })
            {
                if (!services.Contains(code))
                {
                    Fail($"Kiosk:Reader:{key}", $"'{code}' is not a service in Queue:Services ({known})");
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
            Fail("Kiosk:Reader:MedicalRecordPattern", ex.Message);
        }

        for (var i = 0; i < queue.Counters.Count; i++)
        {
            var id = queue.Counters[i].Id;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number.ToString(CultureInfo.InvariantCulture) != id)
            {
                Fail($"Queue:Counters:{i}:Id", $"'{id}' must be a counter number 1, 2, 3...: it names the broker user counter-N and the topics queue/<site>/counter/N/...");
            }
        }

        if (!EscPosCodePage.All.Any(c => c.EscTNumber == options.Printer.CodePage))
        {
            Fail("Kiosk:Printer:CodePage", $"{options.Printer.CodePage} is not supported; use one of {string.Join(", ", EscPosCodePage.All.Select(c => $"{c.EscTNumber} ({c.Name})"))}");
        }

        if (!string.IsNullOrEmpty(options.Printer.LogoFile) && File.Exists(options.Printer.LogoFile))
        {
            try
            {
                var logo = MonoImageReader.Load(options.Printer.LogoFile);
                var paper = options.Printer.PaperWidthMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;
                if (logo.Width > paper.DotWidth)
                {
                    Fail("Kiosk:Printer:LogoFile", $"the logo is {logo.Width} dots wide; {paper.Name} paper prints at most {paper.DotWidth}");
                }
            }
            catch (ImageFormatException ex)
            {
                Fail("Kiosk:Printer:LogoFile", $"is not a 1-bit PBM or BMP: {ex.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
