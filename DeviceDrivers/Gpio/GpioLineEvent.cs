namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// One decoded struct gpio_v2_line_event. <see cref="Timestamp"/> is CLOCK_MONOTONIC (the same clock as
/// <see cref="System.Diagnostics.Stopwatch"/> on Linux), so it measures debounce and hold times exactly.
/// Rising means the logical value became 1, i.e. "active"; with active-low that is the button going down.
/// </summary>
public readonly record struct GpioLineEvent(ulong TimestampNs, GpioEdge Edge, uint Offset, uint Seqno, uint LineSeqno)
{
    public TimeSpan Timestamp => TimeSpan.FromTicks((long)(TimestampNs / 100));

    public bool BecameActive => Edge == GpioEdge.Rising;
}
