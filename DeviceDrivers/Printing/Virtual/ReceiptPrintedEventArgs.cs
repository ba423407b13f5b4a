using Kiosk.DeviceDrivers.Printing.Interpreting;

namespace Kiosk.DeviceDrivers.Printing.Virtual;

public sealed class ReceiptPrintedEventArgs(Receipt receipt) : EventArgs
{
    public Receipt Receipt { get; } = receipt;
}
