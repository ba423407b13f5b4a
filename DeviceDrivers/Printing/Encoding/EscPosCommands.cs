namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>The control bytes ESC/POS commands start with (Epson ESC/POS Command Reference).</summary>
public static class EscPosCommands
{
    public const byte Ht = 0x09;
    public const byte Lf = 0x0A;
    public const byte Cr = 0x0D;
    public const byte Dle = 0x10;
    public const byte Eot = 0x04;
    public const byte Enq = 0x05;
    public const byte Dc4 = 0x14;
    public const byte Esc = 0x1B;
    public const byte Fs = 0x1C;
    public const byte Gs = 0x1D;

    /// <summary>DLE EOT n: the printer answers one status byte at once, even mid-job.</summary>
    public static byte[] RealTimeStatusRequest(int n) =>
        n is >= 1 and <= 4 ? [Dle, Eot, (byte)n] : throw new ArgumentOutOfRangeException(nameof(n), n, "DLE EOT n takes 1..4.");

    /// <summary>GS a n: enable automatic status back for the items in <paramref name="items"/> (0 disables).</summary>
    public static byte[] AutomaticStatusBack(byte items) => [Gs, (byte)'a', items];
}
