using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.DeviceDrivers.Printing.Virtual;

/// <summary>The faults a simulated printer can be put into from a test or the simulator's front panel.</summary>
public enum VirtualPrinterState
{
    Ok,
    PaperNearEnd,
    PaperOut,
    CoverOpen,
    CutterError,
    Offline,
}

public static class VirtualPrinterStates
{
    /// <summary>The status bits a real printer shows in that state (paper end and an open cover also take it offline).</summary>
    public static PrinterStatusBits ToBits(this VirtualPrinterState state) => state switch
    {
        VirtualPrinterState.Ok => PrinterStatusBits.None,
        VirtualPrinterState.PaperNearEnd => PrinterStatusBits.PaperNearEnd,
        VirtualPrinterState.PaperOut => PrinterStatusBits.PaperOut | PrinterStatusBits.PaperNearEnd | PrinterStatusBits.Offline,
        VirtualPrinterState.CoverOpen => PrinterStatusBits.CoverOpen | PrinterStatusBits.Offline,
        VirtualPrinterState.CutterError => PrinterStatusBits.CutterError | PrinterStatusBits.Offline,
        VirtualPrinterState.Offline => PrinterStatusBits.Offline,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool Prints(this VirtualPrinterState state) => state is VirtualPrinterState.Ok or VirtualPrinterState.PaperNearEnd;
}
