using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>Recorded status bytes (Epson TM-T20/TM-T82 layout, which Xprinter copies) through the framed parser and decoder.</summary>
public class StatusParsingTests
{
    private static PrinterStatus FromReplies(byte n1, byte n2, byte n3, byte n4) =>
        PrinterStatus.FromFlags(StatusDecoder.FromRealTime(1, n1) | StatusDecoder.FromRealTime(2, n2) | StatusDecoder.FromRealTime(3, n3) | StatusDecoder.FromRealTime(4, n4));

    [Theory]
    [InlineData(0x16, 0x12, 0x12, 0x12, PrinterCondition.Ok)] // drawer pin high, everything fine
    [InlineData(0x12, 0x12, 0x12, 0x1E, PrinterCondition.PaperNearEnd)]
    [InlineData(0x1E, 0x32, 0x12, 0x7E, PrinterCondition.PaperOut)]
    [InlineData(0x1A, 0x16, 0x12, 0x12, PrinterCondition.CoverOpen)]
    [InlineData(0x1A, 0x52, 0x1A, 0x12, PrinterCondition.CutterError)]
    [InlineData(0x1A, 0x12, 0x12, 0x12, PrinterCondition.Offline)]
    [InlineData(0x1A, 0x52, 0x32, 0x12, PrinterCondition.Offline)] // unrecoverable error
    public void Real_time_replies_decode_to_the_condition(byte n1, byte n2, byte n3, byte n4, PrinterCondition expected) =>
        Assert.Equal(expected, FromReplies(n1, n2, n3, n4).Condition);

    [Theory]
    [InlineData("10000000", PrinterCondition.Ok)]
    [InlineData("10000300", PrinterCondition.PaperNearEnd)]
    [InlineData("18000F00", PrinterCondition.PaperOut)]
    [InlineData("38000000", PrinterCondition.CoverOpen)]
    [InlineData("18080000", PrinterCondition.CutterError)]
    public void Asb_frames_decode_to_the_condition(string hex, PrinterCondition expected) =>
        Assert.Equal(expected, PrinterStatus.FromFlags(StatusDecoder.FromAutomaticStatusBack(Convert.FromHexString(hex))).Condition);

    [Fact]
    public void Interleaved_asb_frames_real_time_replies_and_xoff_are_told_apart()
    {
        // Recorded order: reply to DLE EOT 1, an ASB frame with an XOFF inside it, reply to DLE EOT 2, another ASB, reply to DLE EOT 4.
        var recorded = Convert.FromHexString("16" + "1000" + "13" + "0000" + "12" + "38000000" + "7E");
        var frames = new StatusFrameParser().Feed(recorded);
        Assert.Equal(
            [StatusFrameKind.RealTimeReply, StatusFrameKind.FlowControl, StatusFrameKind.AutomaticStatusBack, StatusFrameKind.RealTimeReply, StatusFrameKind.AutomaticStatusBack, StatusFrameKind.RealTimeReply],
            frames.Select(f => f.Kind));
        Assert.Equal("10000000", Convert.ToHexString(frames[2].Bytes));
        Assert.Equal("38000000", Convert.ToHexString(frames[4].Bytes));
        Assert.Equal([0x16, 0x12, 0x7E], frames.Where(f => f.Kind == StatusFrameKind.RealTimeReply).Select(f => f.Bytes[0]));
    }

    [Fact]
    public void Frames_split_over_reads_come_out_the_same()
    {
        var recorded = Convert.FromHexString("16" + "1000" + "13" + "0000" + "12" + "38000000" + "7E");
        var whole = new StatusFrameParser().Feed(recorded).Select(f => f.ToString()).ToList();
        var parser = new StatusFrameParser();
        var split = recorded.SelectMany(b => parser.Feed([b])).Select(f => f.ToString()).ToList();
        Assert.Equal(whole, split);
        Assert.Equal(0, parser.PendingBytes);
    }

    [Fact]
    public void A_broken_off_asb_frame_and_stray_bytes_are_reported_not_guessed()
    {
        var frames = new StatusFrameParser().Feed(Convert.FromHexString("1000" + "12" + "FF"));
        Assert.Equal([StatusFrameKind.Unrecognized, StatusFrameKind.RealTimeReply, StatusFrameKind.Unrecognized], frames.Select(f => f.Kind));
        Assert.Equal("1000", Convert.ToHexString(frames[0].Bytes));
    }

    [Theory]
    [InlineData(PrinterStatusBits.None)]
    [InlineData(PrinterStatusBits.PaperNearEnd)]
    [InlineData(PrinterStatusBits.PaperOut | PrinterStatusBits.Offline)]
    [InlineData(PrinterStatusBits.CoverOpen | PrinterStatusBits.Offline)]
    [InlineData(PrinterStatusBits.CutterError | PrinterStatusBits.Offline)]
    public void The_virtual_printer_encoding_decodes_back_to_the_same_condition(PrinterStatusBits bits)
    {
        var expected = PrinterStatus.FromFlags(bits).Condition;
        var replies = Enumerable.Range(1, 4).Select(n => StatusDecoder.ToRealTime(n, bits)).ToArray();
        Assert.All(replies, r => Assert.Equal(0x12, r & 0x93));
        Assert.Equal(expected, FromReplies(replies[0], replies[1], replies[2], replies[3]).Condition);
        Assert.Equal(expected, PrinterStatus.FromFlags(StatusDecoder.FromAutomaticStatusBack(StatusDecoder.ToAutomaticStatusBack(bits))).Condition);
    }
}
