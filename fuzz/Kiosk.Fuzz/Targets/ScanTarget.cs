using System.Text;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// What a card reader can deliver, through the paths the kiosk reads it by: the bytes as scan text (Latin-1 as the
/// serial reader maps them, and UTF-8), the bytes as a serial line stream, and the bytes as an evdev stream in both
/// input_event layouts typed into the keyboard-wedge decoder. Every scan gets exactly one result (accepted or
/// rejected with a message for the patient), and logging it never throws.
/// </summary>
internal static class ScanTarget
{
    private static readonly ScanParser Parser = new(new ScanParserOptions());

    public static void Run(byte[] input)
    {
        Check(Parser.Parse(Encoding.Latin1.GetString(input)));
        Check(Parser.Parse(Encoding.UTF8.GetString(input)));

        var lines = new SerialLineAssembler(new SerialScanReaderOptions().MaxScanLength);
        foreach (var (text, end) in lines.Feed(input))
        {
            Deliver(text, end);
        }

        Deliver(lines.FlushIdle());
        TypeInto(input, InputEventLayout.Long64);
        TypeInto(input, InputEventLayout.Long32);
    }

    private static void TypeInto(byte[] input, InputEventLayout layout)
    {
        var options = new EvdevScanReaderOptions();
        var decoder = new InputEventDecoder(layout);
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, TimeSpan.FromMilliseconds(options.InterKeyGapMs), options.MaxScanLength);

        // Reads of 64 bytes, as the reader's buffer holds, so records split across reads are joined again.
        for (var offset = 0; offset < input.Length; offset += 64)
        {
            foreach (var inputEvent in decoder.Decode(input.AsSpan(offset, Math.Min(64, input.Length - offset))))
            {
                Deliver(wedge.Feed(inputEvent));
            }
        }

        Deliver(wedge.Interrupt());
    }

    private static void Deliver((string Text, ScanEnd End)? scan)
    {
        if (scan is { } s)
        {
            Deliver(s.Text, s.End);
        }
    }

    private static void Deliver(string text, ScanEnd end)
    {
        var raw = new RawScan(text, end, "fuzz", DateTimeOffset.UnixEpoch);
        _ = raw.ToString();
        Check(Parser.Parse(raw));
    }

    private static void Check(ScanResult? result)
    {
        switch (result)
        {
            case null:
                throw new FuzzInvariantException("The parser returned no result.");
            case RejectedScan rejected when string.IsNullOrWhiteSpace(rejected.PatientMessage):
                throw new FuzzInvariantException($"Rejected ({rejected.Reason}) without a message for the patient.");
            default:
                // Results are logged: their masked text must never throw either.
                _ = result.ToString();
                break;
        }
    }
}
