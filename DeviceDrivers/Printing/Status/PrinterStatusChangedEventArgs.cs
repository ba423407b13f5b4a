namespace Kiosk.DeviceDrivers.Printing.Status;

public sealed class PrinterStatusChangedEventArgs(PrinterStatus previous, PrinterStatus current) : EventArgs
{
    public PrinterStatus Previous { get; } = previous;

    public PrinterStatus Current { get; } = current;
}
