namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>How one line is requested: an input with edges and optional kernel debounce, or an output with its initial value.</summary>
internal sealed record GpioLineSettings
{
    public bool Output { get; init; }

    public bool ActiveLow { get; init; }

    public GpioBias Bias { get; init; } = GpioBias.AsIs;

    /// <summary>Inputs only: report both edges so presses and releases are timed by the kernel.</summary>
    public bool BothEdges { get; init; }

    /// <summary>Inputs only: the kernel's debounce_period_us (0 = none). gpiolib debounces in software when the chip cannot.</summary>
    public uint DebounceMicroseconds { get; init; }

    /// <summary>Outputs only: the logical value the line takes at request time (lamps start dark).</summary>
    public bool InitialValue { get; init; }

    public GpioLineModes Flags
    {
        get
        {
            var flags = Output ? GpioLineModes.Output : GpioLineModes.Input;
            if (ActiveLow)
            {
                flags |= GpioLineModes.ActiveLow;
            }

            if (!Output && BothEdges)
            {
                flags |= GpioLineModes.EdgeRising | GpioLineModes.EdgeFalling;
            }

            flags |= Bias switch
            {
                GpioBias.PullUp => GpioLineModes.BiasPullUp,
                GpioBias.PullDown => GpioLineModes.BiasPullDown,
                GpioBias.Disabled => GpioLineModes.BiasDisabled,
                _ => GpioLineModes.None,
            };
            return flags;
        }
    }
}
