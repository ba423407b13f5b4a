using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.Simulator.Devices;

/// <summary>The printer fault switches' names on the panel and in scenario files, in one place.</summary>
public static class PrinterStates
{
    private static readonly Dictionary<string, VirtualPrinterState> ByName = new(StringComparer.Ordinal)
    {
        ["normal"] = VirtualPrinterState.Ok,
        ["kertas-tipis"] = VirtualPrinterState.PaperNearEnd,
        ["kertas-habis"] = VirtualPrinterState.PaperOut,
        ["tutup-terbuka"] = VirtualPrinterState.CoverOpen,
        ["pemotong-macet"] = VirtualPrinterState.CutterError,
        ["printer-mati"] = VirtualPrinterState.Offline,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static VirtualPrinterState? Parse(string name) => ByName.TryGetValue(name, out var state) ? state : null;

    public static string Name(VirtualPrinterState state) => ByName.First(pair => pair.Value == state).Key;
}
