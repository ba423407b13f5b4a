using System.Globalization;
using Kiosk.Device.Configuration;
using Kiosk.Device.Text;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Rendering;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.Device.Printing;

/// <summary>
/// What a simulated printer prints is kept as HTML under {DataDirectory}/tiket/, named in the site's time (the time
/// printed on the ticket), so tickets, test pages and recaps from the simulator can be looked at afterwards.
/// </summary>
public static class PrintPreviews
{
    public static string Folder(string dataDirectory) => Path.Combine(dataDirectory, "tiket");

    /// <summary>Saves one receipt as "{prefix}-yyyyMMdd-HHmmss-fff.html" in site time; returns its path.</summary>
    public static string Save(Receipt receipt, string dataDirectory, string prefix, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(zone);
        var folder = Folder(dataDirectory);
        Directory.CreateDirectory(folder);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{local:yyyyMMdd-HHmmss-fff}.html"));
        File.WriteAllText(path, ReceiptRenderer.ToHtml(receipt));
        return path;
    }

    /// <summary>While the returned handle lives, every receipt the (simulated) printer prints is saved and its file named on <paramref name="output"/>.</summary>
    public static IDisposable Watch(IPrinterTransport printer, KioskOptions options, string prefix, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (printer is not SimulatedPrinterTransport simulated)
        {
            return new Subscription(null, null);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Site.TimeZone);
        void Saved(object? sender, ReceiptPrintedEventArgs printed) =>
            output.WriteLine(Teks.PreviewSaved(Save(printed.Receipt, options.DataDirectory, prefix, zone, DateTimeOffset.UtcNow)));
        simulated.ReceiptPrinted += Saved;
        return new Subscription(simulated, Saved);
    }

    private sealed class Subscription(SimulatedPrinterTransport? printer, EventHandler<ReceiptPrintedEventArgs>? handler) : IDisposable
    {
        public void Dispose()
        {
            if (printer is not null && handler is not null)
            {
                printer.ReceiptPrinted -= handler;
            }
        }
    }
}
