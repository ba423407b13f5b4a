using Kiosk.Device.Configuration;
using Kiosk.Device.Printing;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Tools;

/// <summary><c>Kiosk.Device print-test</c>: prints a test page with every element a ticket uses, without taking a number.</summary>
public static class PrintTest
{
    public static byte[] Page(KioskOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paper = Devices.DeviceRegistration.Paper(options.Printer);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Site.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var codePage = EscPosCodePage.All.FirstOrDefault(c => c.EscTNumber == options.Printer.CodePage) ?? EscPosCodePage.Wpc1252;
        var page = new EscPosBuilder(paper, codePage).Initialize().SelectCodePage(codePage).Align(Alignment.Center)
            .Bold().Line("UJI CETAK").Bold(false)
            .Line(options.Site.Name)
            .Line($"{IndonesianTime.Date(local)} {IndonesianTime.Time(local, zone)}")
            .Divider();
        for (var scale = 1; scale <= 8; scale++)
        {
            var text = $"{scale}x";
            if (text.Length * PaperProfile.CharacterWidthDots * scale <= paper.DotWidth)
            {
                page.Size(scale, scale).Line(text);
            }
        }

        return page.NormalSize().Align(Alignment.Left)
            .Line(Text.Teks.Teknisi.TestPagePaper(paper.Name, paper.Columns, codePage.Name))
            .Line("Huruf: ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789")
            .Line("Aksen: é è à ç ñ ü (ditransliterasi bila tak ada)")
            .Align(Alignment.Center)
            .Qr("UJI-CETAK Puskesmas")
            .Code128("A-012")
            .Cut(partial: true)
            .ToArray();
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var options = services.GetRequiredService<IOptions<KioskOptions>>().Value;
        var printer = services.GetRequiredService<IPrinterTransport>();
        using var previews = PrintPreviews.Watch(printer, options, "uji-cetak", output);
        var result = await printer.SendAsync(Page(options, DateTimeOffset.UtcNow), cancellationToken);
        var name = Text.Teks.PrinterName(options.Printer);

        // The transport's own message (socket or OS English) is for the log; the technician reads what it means.
        await output.WriteLineAsync(result.Succeeded
            ? Text.Teks.PrintTestPrinted(name, result.BytesSent, PrinterHealth.Sentence(result.Status.Condition))
            : Text.Teks.PrintTestFailed(name, PrinterHealth.FailureSentence(result.FailureKind)));
        return result.Succeeded ? 0 : 1;
    }
}
