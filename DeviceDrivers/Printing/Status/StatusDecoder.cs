namespace Kiosk.DeviceDrivers.Printing.Status;

/// <summary>
/// Turns status bytes into <see cref="PrinterStatusBits"/>, bit for bit as the Epson ESC/POS reference gives them
/// for TM-T20/TM-T82 (Xprinter and POS-58 clones copy the same layout for the bits they implement):
/// DLE EOT 1 bit 3 offline; DLE EOT 2 bit 2 cover open, bit 3 feed button, bit 5 paper-end stop, bit 6 error;
/// DLE EOT 3 bit 3 autocutter error, bit 5 unrecoverable, bit 6 auto-recoverable; DLE EOT 4 bits 2-3 near end,
/// bits 5-6 paper end. ASB: byte 1 bit 3 offline, bit 5 cover open, bit 6 feed button; byte 2 bit 3 autocutter,
/// bit 5 unrecoverable, bit 6 auto-recoverable; byte 3 bits 0-1 near end, bits 2-3 paper end.
/// </summary>
public static class StatusDecoder
{
    public static PrinterStatusBits FromRealTime(int n, byte reply) => n switch
    {
        1 => Bit(reply, 3, PrinterStatusBits.Offline),
        2 => Bit(reply, 2, PrinterStatusBits.CoverOpen) | Bit(reply, 3, PrinterStatusBits.FeedButtonPressed)
            | Bit(reply, 5, PrinterStatusBits.PaperEndStop) | Bit(reply, 6, PrinterStatusBits.AutoRecoverableError),
        3 => Bit(reply, 3, PrinterStatusBits.CutterError) | Bit(reply, 5, PrinterStatusBits.UnrecoverableError)
            | Bit(reply, 6, PrinterStatusBits.AutoRecoverableError),
        4 => ((reply & 0x0C) != 0 ? PrinterStatusBits.PaperNearEnd : PrinterStatusBits.None)
            | ((reply & 0x60) != 0 ? PrinterStatusBits.PaperOut : PrinterStatusBits.None),
        _ => throw new ArgumentOutOfRangeException(nameof(n), n, "DLE EOT n is 1..4."),
    };

    public static PrinterStatusBits FromAutomaticStatusBack(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != 4)
        {
            throw new ArgumentException($"An ASB frame is 4 bytes, got {frame.Length}.", nameof(frame));
        }

        return Bit(frame[0], 3, PrinterStatusBits.Offline) | Bit(frame[0], 5, PrinterStatusBits.CoverOpen) | Bit(frame[0], 6, PrinterStatusBits.FeedButtonPressed)
            | Bit(frame[1], 3, PrinterStatusBits.CutterError) | Bit(frame[1], 5, PrinterStatusBits.UnrecoverableError) | Bit(frame[1], 6, PrinterStatusBits.AutoRecoverableError)
            | ((frame[2] & 0x03) != 0 ? PrinterStatusBits.PaperNearEnd : PrinterStatusBits.None)
            | ((frame[2] & 0x0C) != 0 ? PrinterStatusBits.PaperOut : PrinterStatusBits.None);
    }

    /// <summary>The reply a printer with these flags gives to DLE EOT n (used by the virtual printer).</summary>
    public static byte ToRealTime(int n, PrinterStatusBits flags) => (byte)(0x12 | n switch
    {
        1 => Set(flags, PrinterStatusBits.Offline, 0x08),
        2 => Set(flags, PrinterStatusBits.CoverOpen, 0x04) | Set(flags, PrinterStatusBits.PaperOut, 0x20)
            | Set(flags, PrinterStatusBits.AutoRecoverableError | PrinterStatusBits.UnrecoverableError | PrinterStatusBits.CutterError, 0x40),
        3 => Set(flags, PrinterStatusBits.CutterError, 0x08) | Set(flags, PrinterStatusBits.UnrecoverableError, 0x20) | Set(flags, PrinterStatusBits.AutoRecoverableError, 0x40),
        4 => Set(flags, PrinterStatusBits.PaperNearEnd, 0x0C) | Set(flags, PrinterStatusBits.PaperOut, 0x60),
        _ => throw new ArgumentOutOfRangeException(nameof(n), n, "DLE EOT n is 1..4."),
    });

    /// <summary>The 4-byte ASB frame a printer with these flags sends (used by the virtual printer).</summary>
    public static byte[] ToAutomaticStatusBack(PrinterStatusBits flags) =>
    [
        (byte)(0x10 | Set(flags, PrinterStatusBits.Offline, 0x08) | Set(flags, PrinterStatusBits.CoverOpen, 0x20)),
        (byte)(Set(flags, PrinterStatusBits.CutterError, 0x08) | Set(flags, PrinterStatusBits.UnrecoverableError, 0x20) | Set(flags, PrinterStatusBits.AutoRecoverableError, 0x40)),
        (byte)(Set(flags, PrinterStatusBits.PaperNearEnd, 0x03) | Set(flags, PrinterStatusBits.PaperOut, 0x0C)),
        0x00,
    ];

    private static PrinterStatusBits Bit(byte value, int bit, PrinterStatusBits flag) => (value & (1 << bit)) != 0 ? flag : PrinterStatusBits.None;

    private static int Set(PrinterStatusBits flags, PrinterStatusBits any, int bits) => (flags & any) != 0 ? bits : 0;
}
