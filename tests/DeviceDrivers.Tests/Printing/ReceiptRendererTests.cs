using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Rendering;

namespace Kiosk.DeviceDrivers.Tests.Printing;

public partial class ReceiptRendererTests
{
    [Fact]
    public void Svg_is_well_formed_at_the_paper_width_with_qr_barcode_image_and_cut_drawn()
    {
        var receipt = EscPosInterpreter.Parse(Tickets.QueueTicket(PaperProfile.Mm58), PaperProfile.Mm58);
        var svg = XDocument.Parse(ReceiptRenderer.ToSvg(receipt));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("416", svg.Root!.Attribute("width")!.Value);
        var paths = svg.Descendants(ns + "path").ToList();
        Assert.Equal(2, paths.Count(p => p.Attribute("data-qr-bytes") is not null));
        Assert.Contains(paths, p => p.Attribute("data-qr-bytes")?.Value == "300");
        Assert.Contains(paths, p => p.Attribute("data-barcode")?.Value == "A012-20261122");
        Assert.Contains(paths, p => p.Attribute("data-image")?.Value == "96x40");
        Assert.Single(svg.Descendants(ns + "line"), l => l.Attribute("data-cut")?.Value == "partial");
        var number = svg.Descendants(ns + "text").Single(t => t.Value == "A-012");
        Assert.Equal("192", number.Attribute("font-size")!.Value);
        Assert.Equal("360", number.Attribute("textLength")!.Value); // 6x wide on 58 mm so the number stays on one line
    }

    [Fact]
    public void Html_is_self_contained_and_lists_unknown_commands()
    {
        byte[] job = [.. "Halo"u8, 0x1B, 0x7E, .. "\n"u8];
        var html = ReceiptRenderer.ToHtml(EscPosInterpreter.Parse(job, PaperProfile.Mm80));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("width:608px", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("ESC 0x7E", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Fact]
    public void Drawn_qr_module_count_matches_the_qr_version_for_the_payload()
    {
        var receipt = EscPosInterpreter.Parse(new EscPosBuilder(PaperProfile.Mm80).Qr("A-012", moduleSize: 4, errorCorrection: QrErrorCorrection.L).ToArray());
        var svg = XDocument.Parse(ReceiptRenderer.ToSvg(receipt));
        // Version 1 is 21 modules plus QRCoder's 4-module quiet zone on each side: 29 x 4 dots.
        Assert.Equal(16 + (29 * 4) + 16, int.Parse(svg.Root!.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Plain_text_keeps_columns_alignment_and_marks_codes()
    {
        var job = new EscPosBuilder(PaperProfile.Mm58).Align(Alignment.Center).Size(2, 2).Line("A-1").NormalSize()
            .Align(Alignment.Right).Line("kanan").Qr("x").Code128("ABC").Cut().ToArray();
        var text = ReceiptRenderer.ToPlainText(EscPosInterpreter.Parse(job, PaperProfile.Mm58));
        var lines = text.Split('\n');
        Assert.Equal(new string(' ', 13) + "A - 1", lines[0]);
        Assert.Equal(new string(' ', 27) + "kanan", lines[1]);
        Assert.Contains("[QR 1 B: x]", text, StringComparison.Ordinal);
        Assert.Contains("[CODE128: ABC]", text, StringComparison.Ordinal);
        Assert.Contains("===", text, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 32, l));
    }

    [GeneratedRegex("(src|href)=\"(http|//|file:)")]
    private static partial Regex ExternalReference();
}
