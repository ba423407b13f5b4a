namespace Kiosk.DeviceDrivers.Input;

/// <summary>The key codes (include/uapi/linux/input-event-codes.h) the wedge decoder treats specially.</summary>
public static class KeyCodes
{
    public const ushort Enter = 28;
    public const ushort Tab = 15;
    public const ushort LeftShift = 42;
    public const ushort RightShift = 54;
    public const ushort CapsLock = 58;
    public const ushort KeypadEnter = 96;
    public const ushort A = 30;
    public const ushort Z = 44;
}
