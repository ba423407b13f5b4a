using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// What a printer sends back on its status channel (DLE EOT replies, automatic status back, XON/XOFF, noise), framed
/// and decoded as <c>StreamPrinterTransport</c> does. Every byte ends up in exactly one frame or waits as the start of
/// an ASB frame; the frames are the same whether the bytes arrive at once or one by one; decoding never throws.
/// </summary>
internal static class PrinterStatusTarget
{
    public static void Run(byte[] input)
    {
        var whole = new StatusFrameParser();
        var frames = whole.Feed(input);
        var framed = frames.Sum(f => f.Bytes.Length) + whole.PendingBytes;
        if (framed != input.Length)
        {
            throw new FuzzInvariantException($"{input.Length} bytes in, {framed} framed or pending.");
        }

        var split = new StatusFrameParser();
        var byByte = new List<StatusFrame>();
        foreach (var b in input)
        {
            byByte.AddRange(split.Feed([b]));
        }

        if (!frames.Select(f => f.ToString()).SequenceEqual(byByte.Select(f => f.ToString())) || split.PendingBytes != whole.PendingBytes)
        {
            throw new FuzzInvariantException("The frames differ when the bytes arrive one by one.");
        }

        // The transport asks DLE EOT 1..4 in turn; a reply is decoded as the answer to the question asked.
        var question = 0;
        foreach (var frame in frames)
        {
            switch (frame.Kind)
            {
                case StatusFrameKind.RealTimeReply:
                    var n = (question++ % 4) + 1;
                    _ = PrinterStatus.FromFlags(StatusDecoder.FromRealTime(n, frame.Bytes[0]), frame.ToString());
                    break;
                case StatusFrameKind.AutomaticStatusBack:
                    _ = PrinterStatus.FromFlags(StatusDecoder.FromAutomaticStatusBack(frame.Bytes), frame.ToString());
                    break;
                default:
                    _ = frame.ToString();
                    break;
            }
        }
    }
}
