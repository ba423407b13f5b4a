using FsCheck;
using FsCheck.Fluent;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.TestSupport;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>
/// Whatever a printer sends on its status channel (DLE EOT replies, ASB frames, XON/XOFF, noise) is framed the same
/// whether it arrives at once or byte by byte, every byte lands in one frame or waits as the start of an ASB frame, and
/// decoding never throws. The fuzz corpus (fuzz/seeds/printer-status, fuzz/findings/printer-status) is replayed here.
/// </summary>
public sealed class StatusTotalityTests
{
    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("printer-status");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_fuzz_input_is_framed_and_decoded(string input) => Assert.True(FramesAndDecodes(FuzzCorpus.Read(input)), input);

    [Fact]
    public void Any_bytes_are_framed_and_decoded()
    {
        var gen = Gen.Choose(0, 100).SelectMany(n => Gen.ArrayOf(Gen.Frequency(
            (3, Gen.Elements<byte>(0x10, 0x12, 0x13, 0x11, 0x16, 0x1E, 0x7E, 0x00, 0x0F, 0x38)),
            (2, Gen.Choose(0, 255).Select(b => (byte)b))), n));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(gen.ToArbitrary(), FramesAndDecodes));
    }

    private static bool FramesAndDecodes(byte[] bytes)
    {
        var whole = new StatusFrameParser();
        var frames = whole.Feed(bytes);
        var split = new StatusFrameParser();
        var byByte = bytes.SelectMany(b => split.Feed([b])).ToList();
        var question = 0;
        foreach (var frame in frames)
        {
            var status = frame.Kind switch
            {
                StatusFrameKind.RealTimeReply => PrinterStatus.FromFlags(StatusDecoder.FromRealTime((question++ % 4) + 1, frame.Bytes[0])),
                StatusFrameKind.AutomaticStatusBack => PrinterStatus.FromFlags(StatusDecoder.FromAutomaticStatusBack(frame.Bytes)),
                _ => null,
            };
            _ = status?.ToString();
        }

        return frames.Sum(f => f.Bytes.Length) + whole.PendingBytes == bytes.Length
            && frames.Select(f => f.ToString()).SequenceEqual(byByte.Select(f => f.ToString()))
            && split.PendingBytes == whole.PendingBytes;
    }
}
