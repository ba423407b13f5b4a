namespace Kiosk.DeviceDrivers.Printing.Status;

public enum StatusFrameKind
{
    /// <summary>One byte answering a DLE EOT n (pattern 0xx1xx10).</summary>
    RealTimeReply,

    /// <summary>Four bytes of automatic status back (first byte 0xx1xx00, then three 0xx0xxxx).</summary>
    AutomaticStatusBack,

    /// <summary>XON/XOFF flow control from a serial printer; not status.</summary>
    FlowControl,

    /// <summary>A byte that fits no status pattern, or an ASB frame broken off early; kept for the log.</summary>
    Unrecognized,
}

/// <summary>One unit of what a printer sent back.</summary>
public sealed record StatusFrame(StatusFrameKind Kind, byte[] Bytes)
{
    public override string ToString() => $"{Kind} {Convert.ToHexString(Bytes)}";
}
