using Kiosk.DeviceDrivers.Printing.Encoding;

namespace Kiosk.DeviceDrivers.Printing.Interpreting;

/// <summary>
/// What a printer would have put on paper, decoded from ESC/POS bytes: blocks top to bottom, plus every command the
/// interpreter did not understand (so a preview can never hide that a job contained something unexpected).
/// </summary>
public sealed record Receipt(PaperProfile Paper, IReadOnlyList<ReceiptBlock> Blocks, IReadOnlyList<InterpreterDiagnostic> Diagnostics)
{
    public IEnumerable<TextLine> TextLines => Blocks.OfType<TextLine>();

    /// <summary>All text, one line per printed line (styles dropped), for assertions and logs.</summary>
    public string Text => string.Join('\n', TextLines.Select(l => l.Text));

    public bool IsCut => Blocks.Count > 0 && Blocks[^1] is CutBlock;

    public bool IsEmpty => Blocks.Count == 0 && Diagnostics.Count == 0;
}
