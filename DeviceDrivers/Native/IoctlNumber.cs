namespace Kiosk.DeviceDrivers.Native;

/// <summary>
/// Linux's _IOC encoding (asm-generic/ioctl.h: dir in bits 30-31, size in 16-29, type in 8-15, number in 0-7).
/// x86_64, arm64 and armhf all use the generic encoding, so one function serves every kiosk board.
/// </summary>
internal static class IoctlNumber
{
    private const uint None = 0;
    private const uint Write = 1;
    private const uint Read = 2;

    public static uint Io(uint type, uint number) => Encode(None, type, number, 0);

    public static uint IoR(uint type, uint number, int size) => Encode(Read, type, number, size);

    public static uint IoW(uint type, uint number, int size) => Encode(Write, type, number, size);

    public static uint IoWR(uint type, uint number, int size) => Encode(Read | Write, type, number, size);

    private static uint Encode(uint direction, uint type, uint number, int size)
    {
        if (size is < 0 or >= 1 << 14)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "An ioctl argument must be smaller than 16 KiB.");
        }

        return (direction << 30) | ((uint)size << 16) | (type << 8) | number;
    }
}
