using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;

namespace Kiosk.DeviceDrivers.Printing.Interpreting;

/// <summary>One thing on the paper, in print order.</summary>
public abstract record ReceiptBlock;

/// <summary>How a run of characters is printed.</summary>
public readonly record struct TextStyle(bool Bold, UnderlineMode Underline, bool Reverse, int WidthMultiplier, int HeightMultiplier)
{
    public static TextStyle Normal { get; } = new(false, UnderlineMode.None, false, 1, 1);
}

/// <summary>Consecutive characters with the same style.</summary>
public sealed record TextRun(string Text, TextStyle Style);

/// <summary>One printed line (ended by LF, ESC d, ESC J or a cut). An empty line is a blank line feed.</summary>
public sealed record TextLine(Alignment Alignment, IReadOnlyList<TextRun> Runs, int LineSpacingDots) : ReceiptBlock
{
    public string Text => string.Concat(Runs.Select(r => r.Text));

    /// <summary>The tallest character height multiplier on the line (1 for a blank line).</summary>
    public int HeightMultiplier => Runs.Count == 0 ? 1 : Runs.Max(r => r.Style.HeightMultiplier);
}

/// <summary>A QR code as the printer would encode it: the exact stored bytes, and their UTF-8 reading.</summary>
public sealed record QrBlock(Alignment Alignment, byte[] PayloadBytes, int ModuleSize, QrErrorCorrection ErrorCorrection) : ReceiptBlock
{
    public string Payload => System.Text.Encoding.UTF8.GetString(PayloadBytes);
}

public enum BarcodeSymbology
{
    Code128,
    Code39,
    Ean13,
    Other,
}

/// <summary>A 1D barcode (GS k) with the settings that were in force (GS h, GS w, GS H).</summary>
public sealed record BarcodeBlock(Alignment Alignment, BarcodeSymbology Symbology, string Data, int HeightDots, int ModuleWidth, HriPosition Hri) : ReceiptBlock;

/// <summary>A raster image (GS v 0); consecutive bands of the same width are joined into one.</summary>
public sealed record ImageBlock(Alignment Alignment, MonoBitmap Bitmap) : ReceiptBlock;

/// <summary>Paper fed without printing (ESC d n lines beyond the printed one, ESC J n dots).</summary>
public sealed record FeedBlock(int Dots) : ReceiptBlock;

public sealed record CutBlock(bool Partial) : ReceiptBlock;

public sealed record BeepBlock(int Times) : ReceiptBlock;
