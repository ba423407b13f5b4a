namespace Kiosk.DeviceDrivers.Native;

/// <summary>evdev (include/uapi/linux/input.h, input-event-codes.h): the calls a keyboard-wedge reader needs.</summary>
internal static partial class Libc
{
    public const uint EvdevIoctlType = 'E';

    /// <summary>_IOW('E', 0x90, int): 1 grabs the device for this descriptor only, 0 releases it.</summary>
    public const uint EvIocGrab = 0x40044590;

    /// <summary>_IOR('E', 0x02, struct input_id): bus type, vendor, product, version (4 x __u16).</summary>
    public const uint EvIocGId = 0x80084502;

    /// <summary>_IOW('E', 0xa0, int): which clock stamps this descriptor's events.</summary>
    public const uint EvIocSClockId = 0x400445A0;

    public const int ClockMonotonic = 1;

    public const ushort EvSyn = 0x00;

    /// <summary>EV_SYN code: the kernel's buffer for this reader overflowed and events before it were thrown away.</summary>
    public const ushort SynDropped = 0x03;
    public const ushort EvKey = 0x01;
    public const ushort EvMsc = 0x04;

    public const int EBusy = 16;
    public const int ENoDev = 19;
    public const int ENotTy = 25;

    /// <summary>EVIOCGNAME(len) = _IOC(_IOC_READ, 'E', 0x06, len): the device's name.</summary>
    public static uint EvIocGName(int length) => IoctlNumber.IoR(EvdevIoctlType, 0x06, length);

    /// <summary>EVIOCGBIT(ev, len) = _IOC(_IOC_READ, 'E', 0x20 + ev, len): capability bitmap of one event type.</summary>
    public static uint EvIocGBit(uint eventType, int length) => IoctlNumber.IoR(EvdevIoctlType, 0x20 + eventType, length);
}
