using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.Simulator.Devices;

/// <summary>
/// The printer fault switches in one place: the names scenario files and the panel's requests use (kertas-habis), and
/// the words a technician reads on the panel (kertas habis).
/// </summary>
public static class PrinterStates
{
    private static readonly (string Name, VirtualPrinterState State, string Label)[] All =
    [
        ("normal", VirtualPrinterState.Ok, "siap"),
        ("kertas-tipis", VirtualPrinterState.PaperNearEnd, "kertas tipis"),
        ("kertas-habis", VirtualPrinterState.PaperOut, "kertas habis"),
        ("tutup-terbuka", VirtualPrinterState.CoverOpen, "tutup terbuka"),
        ("pemotong-macet", VirtualPrinterState.CutterError, "pemotong kertas macet"),
        ("printer-mati", VirtualPrinterState.Offline, "printer mati"),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static VirtualPrinterState? Parse(string name) => All.Any(s => s.Name == name) ? All.First(s => s.Name == name).State : null;

    public static string Name(VirtualPrinterState state) => All.First(s => s.State == state).Name;

    /// <summary>The state as the panel shows it: "kertas habis", never the name "kertas-habis".</summary>
    public static string Label(VirtualPrinterState state) => All.First(s => s.State == state).Label;
}
