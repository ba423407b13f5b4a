namespace Kiosk.DeviceDrivers.Printing.Status;

/// <summary>
/// Splits the bytes a printer sends back into frames. Real-time replies and ASB frames arrive on the same line,
/// interleaved in any order, so the parser uses the fixed bits every ESC/POS printer sets (Epson, Citizen and
/// Xprinter manuals agree): DLE EOT replies are 0xx1xx10, the first ASB byte is 0xx1xx00, the other three ASB bytes
/// are 0xx0xxxx, XON/XOFF (0x11/0x13) may appear anywhere. Incremental: a frame split across reads is completed
/// by the next <see cref="Feed"/>.
/// </summary>
public sealed class StatusFrameParser
{
    private const byte Xon = 0x11;
    private const byte Xoff = 0x13;
    private readonly byte[] asb = new byte[4];
    private int asbCount;

    public IReadOnlyList<StatusFrame> Feed(ReadOnlySpan<byte> data)
    {
        var frames = new List<StatusFrame>();
        foreach (var b in data)
        {
            if (b is Xon or Xoff)
            {
                frames.Add(new StatusFrame(StatusFrameKind.FlowControl, [b]));
                continue;
            }

            if (asbCount > 0)
            {
                if ((b & 0x90) == 0x00)
                {
                    asb[asbCount++] = b;
                    if (asbCount == 4)
                    {
                        frames.Add(new StatusFrame(StatusFrameKind.AutomaticStatusBack, asb.ToArray()));
                        asbCount = 0;
                    }

                    continue;
                }

                // A byte that cannot continue an ASB frame: the frame was broken off; report it and read the byte afresh.
                frames.Add(new StatusFrame(StatusFrameKind.Unrecognized, asb.AsSpan(0, asbCount).ToArray()));
                asbCount = 0;
            }

            if ((b & 0x93) == 0x12)
            {
                frames.Add(new StatusFrame(StatusFrameKind.RealTimeReply, [b]));
            }
            else if ((b & 0x93) == 0x10)
            {
                asb[0] = b;
                asbCount = 1;
            }
            else
            {
                frames.Add(new StatusFrame(StatusFrameKind.Unrecognized, [b]));
            }
        }

        return frames;
    }

    /// <summary>Bytes of an ASB frame still waiting for the rest.</summary>
    public int PendingBytes => asbCount;
}
