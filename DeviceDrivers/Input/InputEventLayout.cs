namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// struct input_event is a struct timeval (two longs) + __u16 type + __u16 code + __s32 value, so its size
/// follows the process's long: 24 bytes on x86_64/arm64, 16 bytes on armhf (32-bit Raspberry Pi OS).
/// </summary>
public enum InputEventLayout
{
    /// <summary>24 bytes: 8-byte seconds, 8-byte microseconds.</summary>
    Long64 = 24,

    /// <summary>16 bytes: 4-byte seconds, 4-byte microseconds.</summary>
    Long32 = 16,
}

public static class InputEventLayouts
{
    /// <summary>The layout the kernel uses for this process.</summary>
    public static InputEventLayout Native => IntPtr.Size == 8 ? InputEventLayout.Long64 : InputEventLayout.Long32;
}
