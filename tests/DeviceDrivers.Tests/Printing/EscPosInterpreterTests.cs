using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.DeviceDrivers.Printing.Interpreting;

namespace Kiosk.DeviceDrivers.Tests.Printing;

public class EscPosInterpreterTests
{
    [Fact]
    public void A_whole_ticket_round_trips_through_the_interpreter()
    {
        var receipt = EscPosInterpreter.Parse(Tickets.QueueTicket(), PaperProfile.Mm80);

        Assert.Empty(receipt.Diagnostics);
        var image = Assert.IsType<ImageBlock>(receipt.Blocks[0]);
        Assert.Equal(Tickets.Logo(), image.Bitmap);
        Assert.Equal(Alignment.Center, image.Alignment);

        var lines = receipt.TextLines.ToList();
        var title = lines.Single(l => l.Text == "PUSKESMAS KECAMATAN SUKAMAJU");
        Assert.True(title.Runs.Single().Style.Bold);
        Assert.Equal(Alignment.Center, title.Alignment);

        var number = lines.Single(l => l.Text == "A-012");
        Assert.Equal(new TextStyle(false, UnderlineMode.None, false, 8, 8), number.Runs.Single().Style);
        Assert.Equal(Alignment.Center, number.Alignment);

        Assert.Equal(UnderlineMode.OneDot, lines.Single(l => l.Text == "Poli Umum").Runs.Single().Style.Underline);
        Assert.Equal("Tanggal" + new string(' ', 25) + "22-11-2026 07:15", lines.Single(l => l.Text.StartsWith("Tanggal", StringComparison.Ordinal)).Text);
        // PC858 has ü and Ñ; the en dash has no glyph and is printed as '-'.
        Assert.Contains(lines, l => l.Text == "Nama: Bü Sri Wahyuni - Ñ");
        Assert.True(lines.Single(l => l.Text.Contains("menunggu", StringComparison.Ordinal)).Runs.Single().Style.Reverse);

        var qrs = receipt.Blocks.OfType<QrBlock>().ToList();
        Assert.Equal(2, qrs.Count);
        Assert.Equal(Tickets.QrNonAscii, qrs[0].Payload);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Tickets.QrNonAscii), qrs[0].PayloadBytes);
        Assert.Equal((5, QrErrorCorrection.M), (qrs[0].ModuleSize, qrs[0].ErrorCorrection));
        Assert.Equal(300, qrs[1].PayloadBytes.Length);
        Assert.Equal(Tickets.QrLong, qrs[1].Payload);

        var barcode = Assert.Single(receipt.Blocks.OfType<BarcodeBlock>());
        Assert.Equal((BarcodeSymbology.Code128, "A012-20261122", HriPosition.Below), (barcode.Symbology, barcode.Data, barcode.Hri));

        Assert.True(receipt.IsCut);
        Assert.True(((CutBlock)receipt.Blocks[^1]).Partial);
        Assert.IsType<FeedBlock>(receipt.Blocks[^2]);
    }

    [Fact]
    public void Digits_in_code_set_c_decode_back_to_the_same_number()
    {
        var bytes = new EscPosBuilder(PaperProfile.Mm58).Code128("00120426").ToArray();
        Assert.Equal("00120426", Assert.IsType<BarcodeBlock>(EscPosInterpreter.Parse(bytes).Blocks.Single()).Data);
    }

    [Fact]
    public void Unknown_commands_are_reported_not_skipped_silently()
    {
        byte[] job = [.. "Hi"u8, 0x1B, 0x7E, 0x05, 0x1D, 0x7E, 0x01, 0x07, 0x0A];
        var receipt = EscPosInterpreter.Parse(job);
        Assert.Equal(5, receipt.Diagnostics.Count(d => d.Kind == DiagnosticKind.UnknownCommand));
        Assert.Contains(receipt.Diagnostics, d => d.Offset == 2 && d.Message.Contains("ESC 0x7E", StringComparison.Ordinal));
        Assert.Contains(receipt.Diagnostics, d => d.Offset == 8 && d.Message.Contains("0x07", StringComparison.Ordinal));
    }

    [Fact]
    public void Known_commands_without_a_visible_effect_are_listed_as_ignored()
    {
        byte[] job = [0x1B, 0x70, 0x00, 0x19, 0xFA, 0x1B, 0x4D, 0x01, .. "x\n"u8];
        var receipt = EscPosInterpreter.Parse(job);
        Assert.Equal("x", receipt.Text);
        Assert.Equal(2, receipt.Diagnostics.Count(d => d.Kind == DiagnosticKind.IgnoredCommand));
    }

    [Fact]
    public void A_job_cut_off_inside_a_command_is_reported_as_truncated()
    {
        var ticket = new EscPosBuilder(PaperProfile.Mm58).Line("A").Qr("payload").ToArray();
        var receipt = EscPosInterpreter.Parse(ticket.AsSpan(0, ticket.Length - 4));
        Assert.Equal("A", receipt.Text);
        Assert.Contains(receipt.Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
    }

    [Fact]
    public void Commands_split_across_reads_are_completed_by_the_next_read()
    {
        var ticket = Tickets.QueueTicket();
        var whole = EscPosInterpreter.Parse(ticket);
        var streaming = new EscPosInterpreter(PaperProfile.Mm80, splitAtCuts: true);
        var receipts = new List<Receipt>();
        for (var i = 0; i < ticket.Length; i += 7)
        {
            receipts.AddRange(streaming.Feed(ticket.AsSpan(i, Math.Min(7, ticket.Length - i))));
        }

        Assert.Null(streaming.Complete());
        var receipt = Assert.Single(receipts);
        Assert.Equal(whole.Text, receipt.Text);
        Assert.Equal(whole.Blocks.Count, receipt.Blocks.Count);
        Assert.Equal(whole.Blocks.OfType<QrBlock>().Select(q => q.Payload), receipt.Blocks.OfType<QrBlock>().Select(q => q.Payload));
    }

    [Fact]
    public void Each_cut_ends_a_receipt_in_stream_mode()
    {
        var job = new EscPosBuilder(PaperProfile.Mm58).Line("satu").Cut().Line("dua").Cut(partial: true).Line("sisa").ToArray();
        var interpreter = new EscPosInterpreter(PaperProfile.Mm58);
        var receipts = interpreter.Feed(job);
        Assert.Equal(["satu", "dua"], receipts.Select(r => r.Text));
        Assert.Equal("sisa", interpreter.Complete()?.Text);
    }

    [Fact]
    public void Text_beyond_the_paper_width_wraps_like_the_printer()
    {
        var job = new EscPosBuilder(PaperProfile.Mm58).Size(8, 1).Text("A-0123").NewLine().ToArray();
        var lines = EscPosInterpreter.Parse(job, PaperProfile.Mm58).TextLines.Select(l => l.Text);
        Assert.Equal(["A-01", "23"], lines);
    }

    [Fact]
    public void Real_time_requests_and_asb_settings_reach_the_callbacks()
    {
        var requests = new List<int>();
        var asb = new List<byte>();
        var interpreter = new EscPosInterpreter(realTimeStatusRequested: requests.Add, automaticStatusBackChanged: asb.Add);
        interpreter.Feed([0x10, 0x04, 0x01, 0x10, 0x04]);
        interpreter.Feed([0x04, 0x1D, 0x61, 0x0F]);
        Assert.Equal([1, 4], requests);
        Assert.Equal([(byte)0x0F], asb);
    }

    [Fact]
    public void Random_bytes_never_throw_and_every_problem_is_listed()
    {
        var random = new Random(20261122);
        for (var round = 0; round < 200; round++)
        {
            var junk = new byte[random.Next(1, 400)];
            random.NextBytes(junk);
            var receipt = EscPosInterpreter.Parse(junk, PaperProfile.Mm58);
            Assert.NotNull(receipt);
        }
    }

    [Fact]
    public void Code_page_changes_decode_the_following_text()
    {
        var job = new EscPosBuilder(PaperProfile.Mm58, EscPosCodePage.Wpc1252).Initialize().Line("Café €5").ToArray();
        Assert.Equal("Café €5", EscPosInterpreter.Parse(job).Text);
    }

    [Fact]
    public void A_qr_code_drawn_as_an_image_matches_the_native_qr_module_for_module()
    {
        var raster = EscPosInterpreter.Parse(new EscPosBuilder(PaperProfile.Mm58).QrImage(Tickets.QrNonAscii, moduleSize: 3).ToArray());
        var image = Assert.IsType<ImageBlock>(Assert.Single(raster.Blocks)).Bitmap;
        using var generator = new QRCoder.QRCodeGenerator();
        using var reference = generator.CreateQrCode(System.Text.Encoding.UTF8.GetBytes(Tickets.QrNonAscii), QRCoder.QRCodeGenerator.ECCLevel.M);
        var matrix = reference.ModuleMatrix;
        Assert.Equal(matrix.Count * 3, image.Height);
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix.Count; column++)
            {
                Assert.Equal(matrix[row][column], image[(column * 3) + 1, (row * 3) + 1]);
            }
        }

        Assert.Throws<ArgumentException>(() => new EscPosBuilder(PaperProfile.Mm58).QrImage(Tickets.QrLong, moduleSize: 8));
    }

    [Fact]
    public void Consecutive_raster_bands_join_into_one_image()
    {
        var tall = new MonoBitmap(16, 300);
        tall[3, 299] = true;
        var receipt = EscPosInterpreter.Parse(new EscPosBuilder(PaperProfile.Mm58).Image(tall).ToArray());
        Assert.Equal(tall, Assert.IsType<ImageBlock>(Assert.Single(receipt.Blocks)).Bitmap);
    }
}
