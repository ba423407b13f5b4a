namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Watches the kernel's per-request seqno. A gap means the kernel's event buffer overflowed and edges were lost,
/// so the caller logs it and re-reads the line level instead of trusting the edge history.
/// </summary>
internal sealed class GpioSequenceTracker
{
    private uint? last;

    /// <summary>Returns how many events were lost before <paramref name="lineEvent"/> (0 when in order).</summary>
    public uint Observe(GpioLineEvent lineEvent)
    {
        var previous = last;
        last = lineEvent.Seqno;
        if (previous is not { } p || lineEvent.Seqno <= p)
        {
            // First event, or the request was re-made and counting restarted at 1.
            return previous is null && lineEvent.Seqno > 1 ? lineEvent.Seqno - 1 : 0;
        }

        return lineEvent.Seqno - p - 1;
    }
}
