namespace Kiosk.DeviceDrivers.Serial;

/// <summary>How a serial device (printer or reader) is opened: 8 data bits, no parity, 1 or 2 stop bits.</summary>
public sealed record SerialSettings(string DevicePath, int BaudRate = 9600, bool TwoStopBits = false, bool HardwareFlowControl = false)
{
    private static readonly Dictionary<int, uint> BaudConstants = new()
    {
        // Linux speed_t constants (termbits.h); cfsetspeed wants these, not the number itself.
        [1200] = 0x9, [2400] = 0xB, [4800] = 0xC, [9600] = 0xD, [19200] = 0xE, [38400] = 0xF,
        [57600] = 0x1001, [115200] = 0x1002, [230400] = 0x1003, [460800] = 0x1004, [921600] = 0x1007,
    };

    public static IReadOnlyCollection<int> SupportedBaudRates => BaudConstants.Keys;

    internal uint BaudConstant =>
        BaudConstants.TryGetValue(BaudRate, out var constant)
            ? constant
            : throw new ArgumentException($"Baud rate {BaudRate} is not supported; use one of {string.Join(", ", BaudConstants.Keys.Order())}.", nameof(BaudRate));
}
