using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Devices;

/// <summary>
/// The printer fault switches in one place: the names scenario files and the panel's requests use (kertas-habis), and
/// the words a technician reads on the panel (kertas habis).
/// </summary>
public static class PrinterStates
{
    /// <summary>Not a state but a one-off switch: the next job fails mid-ticket (a cable pulled), then the printer is fine.</summary>
    public const string FailNextJob = "gagal-cetak";

    /// <summary>The name of the one state after which the printer still prints (paper running low).</summary>
    public const string PaperNearEnd = "kertas-tipis";

    private static readonly (string Name, VirtualPrinterState State, string Label)[] All =
    [
        ("normal", VirtualPrinterState.Ok, SimulatorTeks.Panel.PrinterReady),
        (PaperNearEnd, VirtualPrinterState.PaperNearEnd, SimulatorTeks.Panel.PaperNearEnd),
        ("kertas-habis", VirtualPrinterState.PaperOut, SimulatorTeks.Panel.PaperOut),
        ("tutup-terbuka", VirtualPrinterState.CoverOpen, SimulatorTeks.Panel.CoverOpen),
        ("pemotong-macet", VirtualPrinterState.CutterError, SimulatorTeks.Panel.CutterJammed),
        ("printer-mati", VirtualPrinterState.Offline, SimulatorTeks.Panel.PrinterOff),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static VirtualPrinterState? Parse(string name) => All.Any(s => s.Name == name) ? All.First(s => s.Name == name).State : null;

    public static string Name(VirtualPrinterState state) => All.First(s => s.State == state).Name;

    /// <summary>The state as the panel shows it: "kertas habis", never the name "kertas-habis".</summary>
    public static string Label(VirtualPrinterState state) => All.First(s => s.State == state).Label;
}
