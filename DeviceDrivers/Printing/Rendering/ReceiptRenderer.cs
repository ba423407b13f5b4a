using System.Globalization;
using System.Net;
using System.Text;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using QRCoder;

namespace Kiosk.DeviceDrivers.Printing.Rendering;

/// <summary>
/// Draws a <see cref="Receipt"/> at its paper width, one SVG unit per printer dot: self-contained SVG and HTML
/// (inline SVG, QR codes and barcodes drawn, no external files) for the simulator and test artefacts, and plain
/// text for a terminal preview. Unknown commands from the job are listed under the HTML receipt.
/// </summary>
public static class ReceiptRenderer
{
    private const int Margin = 16;
    private const int CutHeight = 24;

    public static string ToSvg(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var width = receipt.Paper.DotWidth;
        var body = new StringBuilder();
        var y = 0;
        foreach (var block in receipt.Blocks)
        {
            y += block switch
            {
                TextLine line => DrawText(body, line, y, width),
                QrBlock qr => DrawQr(body, qr, y, width),
                BarcodeBlock barcode => DrawBarcode(body, barcode, y, width),
                ImageBlock image => DrawImage(body, image, y, width),
                FeedBlock feed => feed.Dots,
                CutBlock cut => DrawCut(body, cut, y, width),
                BeepBlock beep => DrawNote(body, $"(buzzer x{beep.Times})", y, width),
                _ => 0,
            };
        }

        var totalWidth = width + (2 * Margin);
        var totalHeight = y + (2 * Margin);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{totalWidth}\" height=\"{totalHeight}\" viewBox=\"0 0 {totalWidth} {totalHeight}\" data-paper=\"{receipt.Paper.Name}\" font-family=\"'DejaVu Sans Mono','Courier New',monospace\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{totalWidth}\" height=\"{totalHeight}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({Margin},{Margin})\">");
        svg.Append(body);
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    public static string ToHtml(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Pratinjau struk</title><style>");
        html.Append("body{background:#e5e5e5;margin:0;padding:24px;font-family:sans-serif}");
        html.Append(CultureInfo.InvariantCulture, $".paper{{width:{receipt.Paper.DotWidth + (2 * Margin)}px;margin:0 auto;box-shadow:0 2px 8px rgba(0,0,0,.3);background:#fff}}");
        html.Append(".paper svg{display:block}.diag{max-width:640px;margin:16px auto;color:#8a1f11;font-size:13px}");
        html.Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"paper\" data-paper=\"{receipt.Paper.Name}\">");
        html.Append(ToSvg(receipt));
        html.Append("</div>");
        if (receipt.Diagnostics.Count > 0)
        {
            html.Append("<ul class=\"diag\">");
            foreach (var diagnostic in receipt.Diagnostics)
            {
                html.Append("<li>").Append(WebUtility.HtmlEncode(diagnostic.ToString())).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The receipt as a terminal would show it: paper width in columns, wide characters spaced out.</summary>
    public static string ToPlainText(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var columns = receipt.Paper.Columns;
        var text = new StringBuilder();
        foreach (var block in receipt.Blocks)
        {
            switch (block)
            {
                case TextLine line:
                    var printed = new StringBuilder();
                    foreach (var run in line.Runs)
                    {
                        foreach (var c in run.Text)
                        {
                            printed.Append(c).Append(' ', run.Style.WidthMultiplier - 1);
                        }
                    }

                    AppendAligned(text, printed.ToString().TrimEnd(), line.Alignment, columns);
                    break;
                case QrBlock qr:
                    AppendAligned(text, $"[QR {qr.PayloadBytes.Length} B: {Shorten(qr.Payload, columns - 12)}]", qr.Alignment, columns);
                    break;
                case BarcodeBlock barcode:
                    AppendAligned(text, $"[{barcode.Symbology.ToString().ToUpperInvariant()}: {barcode.Data}]", barcode.Alignment, columns);
                    break;
                case ImageBlock image:
                    AppendAligned(text, $"[image {image.Bitmap.Width}x{image.Bitmap.Height}]", image.Alignment, columns);
                    break;
                case FeedBlock feed:
                    for (var i = 0; i < feed.Dots / PaperProfile.DefaultLineSpacingDots; i++)
                    {
                        text.Append('\n');
                    }

                    break;
                case CutBlock cut:
                    AppendAligned(text, cut.Partial ? " partial cut " : " cut ", Alignment.Center, columns, '=');
                    break;
                case BeepBlock beep:
                    AppendAligned(text, $"(buzzer x{beep.Times})", Alignment.Left, columns);
                    break;
            }
        }

        foreach (var diagnostic in receipt.Diagnostics)
        {
            text.Append("! ").Append(diagnostic).Append('\n');
        }

        return text.ToString();
    }

    private static string Shorten(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, Math.Max(1, max - 3)), "...");

    private static void AppendAligned(StringBuilder text, string line, Alignment alignment, int columns, char fill = ' ')
    {
        var pad = Math.Max(0, columns - line.Length);
        var left = alignment switch
        {
            Alignment.Center => pad / 2,
            Alignment.Right => pad,
            _ => 0,
        };
        var right = fill == ' ' ? 0 : pad - left;
        text.Append(fill, left).Append(line).Append(fill, right).Append('\n');
    }

    private static int AlignedX(Alignment alignment, int contentWidth, int paperWidth) => alignment switch
    {
        Alignment.Center => Math.Max(0, (paperWidth - contentWidth) / 2),
        Alignment.Right => Math.Max(0, paperWidth - contentWidth),
        _ => 0,
    };

    private static int DrawText(StringBuilder svg, TextLine line, int y, int width)
    {
        var tallest = line.HeightMultiplier;
        var charHeight = PaperProfile.CharacterHeightDots * tallest;
        var advance = Math.Max(line.LineSpacingDots, charHeight + 6);
        if (line.Runs.Count == 0)
        {
            return line.LineSpacingDots;
        }

        var contentWidth = line.Runs.Sum(r => r.Text.Length * PaperProfile.CharacterWidthDots * r.Style.WidthMultiplier);
        var x = AlignedX(line.Alignment, contentWidth, width);
        var baseline = y + charHeight;
        foreach (var run in line.Runs)
        {
            var runWidth = run.Text.Length * PaperProfile.CharacterWidthDots * run.Style.WidthMultiplier;
            var fontSize = PaperProfile.CharacterHeightDots * run.Style.HeightMultiplier;
            if (run.Style.Reverse)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{baseline - fontSize}\" width=\"{runWidth}\" height=\"{fontSize + 4}\" fill=\"#000\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{baseline - (2 * run.Style.HeightMultiplier)}\" font-size=\"{fontSize}\" textLength=\"{runWidth}\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\" fill=\"{(run.Style.Reverse ? "#fff" : "#000")}\"");
            if (run.Style.Bold)
            {
                svg.Append(" font-weight=\"bold\"");
            }

            if (run.Style.Underline != UnderlineMode.None)
            {
                svg.Append(" text-decoration=\"underline\"");
            }

            svg.Append('>').Append(WebUtility.HtmlEncode(run.Text)).Append("</text>");
            x += runWidth;
        }

        return advance;
    }

    private static int DrawQr(StringBuilder svg, QrBlock qr, int y, int width)
    {
        var level = QrRaster.ToQrCoder(qr.ErrorCorrection);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(qr.PayloadBytes, level);
        var matrix = data.ModuleMatrix;
        var module = Math.Max(1, qr.ModuleSize);
        var size = matrix.Count * module;
        var x0 = AlignedX(qr.Alignment, size, width);
        svg.Append(CultureInfo.InvariantCulture, $"<path data-qr-bytes=\"{qr.PayloadBytes.Length}\" fill=\"#000\" d=\"");
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                if (matrix[row][column])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"M{x0 + (column * module)} {y + (row * module)}h{module}v{module}h-{module}z");
                }
            }
        }

        svg.Append("\"/>");
        return size;
    }

    private static int DrawBarcode(StringBuilder svg, BarcodeBlock barcode, int y, int width)
    {
        var height = barcode.HeightDots;
        var module = Math.Max(1, barcode.ModuleWidth);
        var top = y;
        var hriHeight = PaperProfile.CharacterHeightDots + 6;
        if (barcode.Hri is HriPosition.Above or HriPosition.Both)
        {
            top += hriHeight;
        }

        int drawnWidth;
        if (barcode.Symbology == BarcodeSymbology.Code128)
        {
            var widths = Code128Symbols.ModuleWidths(barcode.Data).ToArray();
            drawnWidth = widths.Sum() * module;
            var x = AlignedX(barcode.Alignment, drawnWidth, width);
            svg.Append(CultureInfo.InvariantCulture, $"<path data-barcode=\"{WebUtility.HtmlEncode(barcode.Data)}\" fill=\"#000\" d=\"");
            for (var i = 0; i < widths.Length; i++)
            {
                var w = widths[i] * module;
                if (i % 2 == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"M{x} {top}h{w}v{height}h-{w}z");
                }

                x += w;
            }

            svg.Append("\"/>");
        }
        else
        {
            drawnWidth = Math.Min(width, (barcode.Data.Length + 2) * 11 * module);
            var x = AlignedX(barcode.Alignment, drawnWidth, width);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top}\" width=\"{drawnWidth}\" height=\"{height}\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"4 4\"/>");
        }

        var hriX = AlignedX(barcode.Alignment, drawnWidth, width) + (drawnWidth / 2);
        var used = top - y + height;
        if (barcode.Hri is HriPosition.Above or HriPosition.Both)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{hriX}\" y=\"{y + PaperProfile.CharacterHeightDots}\" font-size=\"{PaperProfile.CharacterHeightDots}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(barcode.Data)}</text>");
        }

        if (barcode.Hri is HriPosition.Below or HriPosition.Both)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{hriX}\" y=\"{y + used + PaperProfile.CharacterHeightDots + 2}\" font-size=\"{PaperProfile.CharacterHeightDots}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(barcode.Data)}</text>");
            used += hriHeight;
        }

        return used;
    }

    private static int DrawImage(StringBuilder svg, ImageBlock image, int y, int width)
    {
        var bitmap = image.Bitmap;
        var x0 = AlignedX(image.Alignment, bitmap.Width, width);
        svg.Append(CultureInfo.InvariantCulture, $"<path data-image=\"{bitmap.Width}x{bitmap.Height}\" fill=\"#000\" d=\"");
        for (var row = 0; row < bitmap.Height; row++)
        {
            var column = 0;
            while (column < bitmap.Width)
            {
                if (!bitmap[column, row])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < bitmap.Width && bitmap[column, row])
                {
                    column++;
                }

                svg.Append(CultureInfo.InvariantCulture, $"M{x0 + start} {y + row}h{column - start}v1h-{column - start}z");
            }
        }

        svg.Append("\"/>");
        return bitmap.Height;
    }

    private static int DrawCut(StringBuilder svg, CutBlock cut, int y, int width)
    {
        var middle = y + (CutHeight / 2);
        svg.Append(CultureInfo.InvariantCulture, $"<line data-cut=\"{(cut.Partial ? "partial" : "full")}\" x1=\"{-Margin}\" y1=\"{middle}\" x2=\"{width + Margin}\" y2=\"{middle}\" stroke=\"#888\" stroke-dasharray=\"{(cut.Partial ? "2 6" : "8 4")}\"/>");
        return CutHeight;
    }

    private static int DrawNote(StringBuilder svg, string note, int y, int width)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{y + 16}\" font-size=\"14\" text-anchor=\"end\" fill=\"#888\">{WebUtility.HtmlEncode(note)}</text>");
        return 20;
    }
}
