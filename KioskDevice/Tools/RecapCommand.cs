using System.Globalization;
using Kiosk.Device.Configuration;
using Kiosk.Device.DayClose;
using Kiosk.Device.Printing;
using Kiosk.Device.Text;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.Queue;
using Kiosk.Queue.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Tools;

/// <summary>
/// <c>Kiosk.Device recap --date yyyy-MM-dd [--print]</c>: writes the day's recap files and shows them; a day without a
/// single ticket says so and writes nothing (a page of zeros reads like a day nobody came). With --print the recap
/// also comes out of the ticket printer.
/// </summary>
public static class RecapCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string dateText, bool print, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            await Console.Error.WriteLineAsync(Teks.NotADate("--date", dateText));
            return 2;
        }

        var options = services.GetRequiredService<IOptions<KioskOptions>>().Value;
        var recap = services.GetRequiredService<QueueEngine>().GetDailyRecap(day);
        if (recap.HasNoData)
        {
            await output.WriteLineAsync(Teks.RecapNoData(day, IndonesianTime.Date(day)));
            return 0;
        }

        var (csv, html) = RecapFiles.Write(options.DataDirectory, options.Site.Name, recap);
        DailyRecapCsv.Write(recap, output);
        await output.WriteLineAsync();
        await output.WriteLineAsync(Teks.Written(csv));
        await output.WriteLineAsync(Teks.Written(html));
        return print ? await PrintAsync(services, options, recap, output, cancellationToken) : 0;
    }

    private static async Task<int> PrintAsync(IServiceProvider services, KioskOptions options, DailyRecap recap, TextWriter output, CancellationToken cancellationToken)
    {
        var printer = services.GetRequiredService<IPrinterTransport>();
        var codePage = EscPosCodePage.All.FirstOrDefault(c => c.EscTNumber == options.Printer.CodePage) ?? EscPosCodePage.Wpc1252;
        using var previews = PrintPreviews.Watch(printer, options, "rekap", output);
        var result = await printer.SendAsync(RecapReceipt.Render(options.Site.Name, recap, Devices.DeviceRegistration.Paper(options.Printer), codePage), cancellationToken);
        var name = Teks.PrinterName(options.Printer);
        await output.WriteLineAsync(result.Succeeded ? Teks.RecapPrinted(name) : Teks.RecapPrintFailed(name, PrinterHealth.FailureSentence(result.FailureKind)));
        return result.Succeeded ? 0 : 1;
    }
}
