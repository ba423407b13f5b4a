namespace Kiosk.DeviceDrivers.Native;

/// <summary>
/// The GPIO character device uAPI v2 (include/uapi/linux/gpio.h). Every struct there is built from fixed-size
/// __u32/__aligned_u64 fields with explicit padding, so sizes and offsets are identical on x86_64, arm64 and armhf;
/// the numbers below are therefore constants, pinned by tests against the _IOC encoding.
/// </summary>
internal static partial class Libc
{
    public const uint GpioIoctlType = 0xB4;
    public const int GpioMaxNameSize = 32;
    public const int GpioV2LinesMax = 64;
    public const int GpioV2LineNumAttrsMax = 10;

    public const int GpioChipInfoSize = 68;
    public const int GpioV2LineValuesSize = 16;
    public const int GpioV2LineAttributeSize = 16;
    public const int GpioV2LineConfigAttributeSize = 24;
    public const int GpioV2LineConfigSize = 272;
    public const int GpioV2LineRequestSize = 592;
    public const int GpioV2LineInfoSize = 256;
    public const int GpioV2LineEventSize = 48;

    /// <summary>_IOR(0xB4, 0x01, struct gpiochip_info).</summary>
    public const uint GpioGetChipInfoIoctl = 0x8044B401;

    /// <summary>_IOWR(0xB4, 0x05, struct gpio_v2_line_info).</summary>
    public const uint GpioV2GetLineInfoIoctl = 0xC100B405;

    /// <summary>_IOWR(0xB4, 0x07, struct gpio_v2_line_request).</summary>
    public const uint GpioV2GetLineIoctl = 0xC250B407;

    /// <summary>_IOWR(0xB4, 0x0D, struct gpio_v2_line_config).</summary>
    public const uint GpioV2LineSetConfigIoctl = 0xC110B40D;

    /// <summary>_IOWR(0xB4, 0x0E, struct gpio_v2_line_values).</summary>
    public const uint GpioV2LineGetValuesIoctl = 0xC010B40E;

    /// <summary>_IOWR(0xB4, 0x0F, struct gpio_v2_line_values).</summary>
    public const uint GpioV2LineSetValuesIoctl = 0xC010B40F;

    public const uint GpioV2LineAttrIdFlags = 1;
    public const uint GpioV2LineAttrIdOutputValues = 2;
    public const uint GpioV2LineAttrIdDebounce = 3;

    public const uint GpioV2LineEventRisingEdge = 1;
    public const uint GpioV2LineEventFallingEdge = 2;
}
