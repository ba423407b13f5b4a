using System.Globalization;
using System.Text;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using static Kiosk.DeviceDrivers.Printing.Encoding.EscPosCommands;

namespace Kiosk.DeviceDrivers.Printing.Interpreting;

/// <summary>
/// A virtual printer's brain: reads any ESC/POS byte stream (ours or another program's) into <see cref="Receipt"/>s,
/// keeping state across calls like a real printer (a command split over two network reads is completed by the
/// next one). Unknown commands become <see cref="InterpreterDiagnostic"/>s, never silence. Real-time requests
/// (DLE EOT n) and automatic status back settings (GS a n) are handed to callbacks so a network printer can answer.
/// </summary>
public sealed class EscPosInterpreter
{
    private const int TabWidth = 8;

    private readonly bool splitAtCuts;
    private readonly Action<int>? realTimeStatusRequested;
    private readonly Action<byte>? automaticStatusBackChanged;
    private readonly List<ReceiptBlock> blocks = [];
    private readonly List<InterpreterDiagnostic> diagnostics = [];
    private readonly List<TextRun> runs = [];
    private readonly StringBuilder run = new();
    private byte[] pending = [];
    private long offset;

    private EscPosCodePage codePage = EscPosCodePage.Pc437;
    private Alignment alignment;
    private Alignment? lineAlignment;
    private TextStyle style = TextStyle.Normal;
    private TextStyle runStyle = TextStyle.Normal;
    private int lineSpacing = PaperProfile.DefaultLineSpacingDots;
    private int lineWidthDots;
    private int barcodeHeight = 162;
    private int barcodeModuleWidth = 3;
    private HriPosition hri = HriPosition.None;
    private int qrModuleSize = 3;
    private QrErrorCorrection qrErrorCorrection = QrErrorCorrection.L;
    private byte[]? qrStored;

    public EscPosInterpreter(PaperProfile? paper = null, bool splitAtCuts = true, Action<int>? realTimeStatusRequested = null, Action<byte>? automaticStatusBackChanged = null)
    {
        Paper = paper ?? PaperProfile.Mm80;
        this.splitAtCuts = splitAtCuts;
        this.realTimeStatusRequested = realTimeStatusRequested;
        this.automaticStatusBackChanged = automaticStatusBackChanged;
    }

    public PaperProfile Paper { get; }

    /// <summary>Bytes consumed so far (diagnostic offsets count from the first byte ever fed).</summary>
    public long Offset => offset;

    /// <summary>True when something has been printed since the last completed receipt.</summary>
    public bool HasPendingContent => blocks.Count > 0 || runs.Count > 0 || run.Length > 0 || diagnostics.Count > 0;

    /// <summary>Interprets a whole job into one receipt (cuts stay inside it as <see cref="CutBlock"/>s).</summary>
    public static Receipt Parse(ReadOnlySpan<byte> data, PaperProfile? paper = null)
    {
        var interpreter = new EscPosInterpreter(paper, splitAtCuts: false);
        interpreter.Feed(data);
        return interpreter.Complete() ?? new Receipt(interpreter.Paper, [], []);
    }

    /// <summary>Feeds bytes; returns the receipts finished by a cut in them (none when <c>splitAtCuts</c> is off).</summary>
    public IReadOnlyList<Receipt> Feed(ReadOnlySpan<byte> data)
    {
        var completed = new List<Receipt>();
        ReadOnlySpan<byte> work;
        byte[]? joined = null;
        if (pending.Length > 0)
        {
            joined = new byte[pending.Length + data.Length];
            pending.CopyTo(joined, 0);
            data.CopyTo(joined.AsSpan(pending.Length));
            work = joined;
            offset -= pending.Length;
        }
        else
        {
            work = data;
        }

        var position = 0;
        while (position < work.Length)
        {
            var consumed = Step(work[position..], completed);
            if (consumed == 0)
            {
                break;
            }

            position += consumed;
            offset += consumed;
        }

        pending = work[position..].ToArray();
        offset += pending.Length;
        return completed;
    }

    /// <summary>End of stream: whatever was printed since the last cut as one receipt, or null when nothing was.</summary>
    public Receipt? Complete()
    {
        if (pending.Length > 0)
        {
            diagnostics.Add(new(DiagnosticKind.Truncated, offset - pending.Length, $"Stream ended inside a command: {Hex(pending.AsSpan(0, Math.Min(8, pending.Length)))}{(pending.Length > 8 ? "..." : string.Empty)} ({pending.Length} bytes)."));
            pending = [];
        }

        FlushLine(force: false);
        return HasPendingContent ? TakeReceipt() : null;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private Receipt TakeReceipt()
    {
        var receipt = new Receipt(Paper, blocks.ToArray(), diagnostics.ToArray());
        blocks.Clear();
        diagnostics.Clear();
        return receipt;
    }

    /// <summary>Handles one command or character at the start of <paramref name="s"/>; returns bytes used, 0 when more are needed.</summary>
    private int Step(ReadOnlySpan<byte> s, List<Receipt> completed)
    {
        var b = s[0];
        if (b >= 0x20 && b != 0x7F)
        {
            AddChar(codePage.Decode(b));
            return 1;
        }

        switch (b)
        {
            case Lf:
                FlushLine(force: true);
                return 1;
            case Cr:
                return 1;
            case Ht:
                var columns = lineWidthDots / PaperProfile.CharacterWidthDots / Math.Max(1, style.WidthMultiplier);
                var spaces = TabWidth - (columns % TabWidth);
                for (var i = 0; i < spaces; i++)
                {
                    AddChar(' ');
                }

                return 1;
            case Dle:
                return DataLinkEscape(s);
            case Esc:
                return Escape(s);
            case Gs:
                return GroupSeparator(s, completed);
            case Fs:
                return FileSeparator(s);
            default:
                Report(DiagnosticKind.UnknownCommand, $"Control byte 0x{b:X2} is not an ESC/POS command; skipped.");
                return 1;
        }
    }

    private int DataLinkEscape(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2)
        {
            return 0;
        }

        switch (s[1])
        {
            case Eot:
                if (s.Length < 3)
                {
                    return 0;
                }

                if (s[2] is >= 1 and <= 4)
                {
                    realTimeStatusRequested?.Invoke(s[2]);
                }
                else
                {
                    Report(DiagnosticKind.InvalidParameter, $"DLE EOT {s[2]}: only 1..4 are status requests.");
                }

                return 3;
            case Enq:
                return s.Length < 3 ? 0 : 3;
            case Dc4:
                if (s.Length < 3)
                {
                    return 0;
                }

                // fn 1 (pulse) and fn 2 (power off) take two more bytes; fn 8 (clear buffers) takes 7 in total.
                var length = s[2] == 8 ? 10 : 5;
                if (s.Length < length)
                {
                    return 0;
                }

                Report(DiagnosticKind.IgnoredCommand, $"DLE DC4 fn {s[2]} (real-time control) has no effect on paper.");
                return length;
            default:
                Report(DiagnosticKind.UnknownCommand, $"DLE 0x{s[1]:X2} is unknown; skipped 2 bytes.");
                return 2;
        }
    }

    private int Escape(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2)
        {
            return 0;
        }

        var c = (char)s[1];
        switch (c)
        {
            case '@':
                FlushLine(force: false);
                alignment = Alignment.Left;
                style = TextStyle.Normal;
                lineSpacing = PaperProfile.DefaultLineSpacingDots;
                codePage = EscPosCodePage.Pc437;
                barcodeHeight = 162;
                barcodeModuleWidth = 3;
                hri = HriPosition.None;
                return 2;
            case '2':
                lineSpacing = PaperProfile.DefaultLineSpacingDots;
                return 2;
            case 'i' or 'm':
                FlushLine(force: false);
                blocks.Add(new CutBlock(Partial: true));
                return 2;
            case 'L' or 'S':
                Report(DiagnosticKind.IgnoredCommand, $"ESC {c} (page mode) is not rendered.");
                return 2;
        }

        if (s.Length < 3)
        {
            return 0;
        }

        var n = s[2];
        switch (c)
        {
            case 't':
                var table = EscPosCodePage.FromEscT(n);
                if (table is null)
                {
                    Report(DiagnosticKind.InvalidParameter, $"ESC t {n}: code table not known here; text keeps decoding as {codePage.Name}.");
                }
                else
                {
                    codePage = table;
                }

                return 3;
            case 'a':
                var value = n >= 48 ? n - 48 : n;
                if (value is >= 0 and <= 2)
                {
                    alignment = (Alignment)value;
                }
                else
                {
                    Report(DiagnosticKind.InvalidParameter, $"ESC a {n}: alignment takes 0..2.");
                }

                return 3;
            case 'E' or 'G':
                style = style with { Bold = (n & 1) != 0 };
                return 3;
            case '-':
                var mode = n >= 48 ? n - 48 : n;
                style = style with { Underline = mode is >= 0 and <= 2 ? (UnderlineMode)mode : UnderlineMode.None };
                return 3;
            case '!':
                style = style with
                {
                    Bold = (n & 0x08) != 0,
                    HeightMultiplier = (n & 0x10) != 0 ? 2 : 1,
                    WidthMultiplier = (n & 0x20) != 0 ? 2 : 1,
                    Underline = (n & 0x80) != 0 ? UnderlineMode.OneDot : UnderlineMode.None,
                };
                return 3;
            case '3':
                lineSpacing = n;
                return 3;
            case 'd':
                Feed(n * lineSpacing, lines: n);
                return 3;
            case 'J':
                Feed(n, lines: 0);
                return 3;
            case 'M' or 'R' or ' ' or '{' or 'V' or '=' or 'r' or 'U' or 'T' or '%' or '?':
                Report(DiagnosticKind.IgnoredCommand, $"ESC {c} {n} does not change the preview.");
                return 3;
        }

        switch (c)
        {
            case 'B':
                if (s.Length < 4)
                {
                    return 0;
                }

                FlushLine(force: false);
                blocks.Add(new BeepBlock(n));
                return 4;
            case '$' or '\\':
                if (s.Length < 4)
                {
                    return 0;
                }

                Report(DiagnosticKind.IgnoredCommand, $"ESC {c} (print position) is not rendered.");
                return 4;
            case 'c':
                if (s.Length < 4)
                {
                    return 0;
                }

                Report(DiagnosticKind.IgnoredCommand, $"ESC c {(char)n} (paper sensor/panel setting) does not change the preview.");
                return 4;
            case 'p':
                if (s.Length < 5)
                {
                    return 0;
                }

                Report(DiagnosticKind.IgnoredCommand, "ESC p (cash drawer pulse) has no effect on paper.");
                return 5;
            case 'D':
                var end = s[2..].IndexOf((byte)0);
                if (end < 0)
                {
                    return s.Length > 34 ? Skip(DiagnosticKind.InvalidParameter, "ESC D tab list is not NUL-terminated within 32 positions.", 2) : 0;
                }

                return end + 3;
            case '(':
                return EscParen(s);
            case '*':
                if (s.Length < 5)
                {
                    return 0;
                }

                var dots = s[3] | (s[4] << 8);
                var total = 5 + (dots * (s[2] < 32 ? 1 : 3));
                if (s.Length < total)
                {
                    return 0;
                }

                Report(DiagnosticKind.IgnoredCommand, "ESC * (column bit image) is not rendered; use GS v 0.");
                return total;
            default:
                Report(DiagnosticKind.UnknownCommand, $"ESC 0x{s[1]:X2} ('{c}') is unknown; skipped 2 bytes, its parameters may print as text.");
                return 2;
        }
    }

    private int EscParen(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5)
        {
            return 0;
        }

        var length = 5 + (s[3] | (s[4] << 8));
        if (s.Length < length)
        {
            return 0;
        }

        if (s[2] == 'A' && length >= 9 && s[5] == 48)
        {
            FlushLine(force: false);
            blocks.Add(new BeepBlock(s[7]));
        }
        else
        {
            Report(DiagnosticKind.IgnoredCommand, $"ESC ( {(char)s[2]} ({length} bytes) is not rendered.");
        }

        return length;
    }

    private int GroupSeparator(ReadOnlySpan<byte> s, List<Receipt> completed)
    {
        if (s.Length < 2)
        {
            return 0;
        }

        var c = (char)s[1];
        switch (c)
        {
            case ':':
                return 2;
            case '(':
                return GsParen(s);
            case 'v':
                return RasterImage(s);
            case 'k':
                return Barcode(s);
            case 'V':
                return Cut(s, completed);
        }

        if (s.Length < 3)
        {
            return 0;
        }

        var n = s[2];
        switch (c)
        {
            case '!':
                var width = (n >> 4) + 1;
                var height = (n & 0x0F) + 1;
                if (width > 8 || height > 8)
                {
                    Report(DiagnosticKind.InvalidParameter, $"GS ! 0x{n:X2}: size {width}x{height} is beyond 8x8; ignored.");
                }
                else
                {
                    style = style with { WidthMultiplier = width, HeightMultiplier = height };
                }

                return 3;
            case 'B':
                style = style with { Reverse = (n & 1) != 0 };
                return 3;
            case 'h':
                barcodeHeight = n;
                return 3;
            case 'w':
                barcodeModuleWidth = n;
                return 3;
            case 'H':
                var position = n >= 48 ? n - 48 : n;
                hri = position is >= 0 and <= 3 ? (HriPosition)position : HriPosition.None;
                return 3;
            case 'a':
                automaticStatusBackChanged?.Invoke(n);
                return 3;
            case 'f' or 'r' or 'I' or 'b' or '/' or 'T':
                Report(DiagnosticKind.IgnoredCommand, $"GS {c} {n} does not change the preview.");
                return 3;
            case 'L' or 'W' or 'P' or '$' or '\\':
                if (s.Length < 4)
                {
                    return 0;
                }

                Report(DiagnosticKind.IgnoredCommand, $"GS {c} (margins/print area/position) is not rendered.");
                return 4;
            case '^':
                return s.Length < 5 ? 0 : Skip(DiagnosticKind.IgnoredCommand, "GS ^ (macro) is not executed.", 5);
            case '*':
                var total = 4 + (s[2] * (s.Length > 3 ? s[3] : 0) * 8);
                return s.Length < 4 || s.Length < total ? 0 : Skip(DiagnosticKind.IgnoredCommand, "GS * (downloaded image) is not rendered.", total);
            case '8':
                if (s.Length < 7)
                {
                    return 0;
                }

                var size = 7 + (int)((uint)s[3] | ((uint)s[4] << 8) | ((uint)s[5] << 16) | ((uint)s[6] << 24));
                return s.Length < size ? 0 : Skip(DiagnosticKind.IgnoredCommand, $"GS 8 {(char)s[2]} (large graphics, {size} bytes) is not rendered.", size);
            default:
                Report(DiagnosticKind.UnknownCommand, $"GS 0x{s[1]:X2} ('{c}') is unknown; skipped 2 bytes, its parameters may print as text.");
                return 2;
        }
    }

    private int Cut(ReadOnlySpan<byte> s, List<Receipt> completed)
    {
        if (s.Length < 3)
        {
            return 0;
        }

        var m = s[2];
        int length;
        bool partial;
        var feedDots = 0;
        switch (m)
        {
            case 0 or 48:
                (length, partial) = (3, false);
                break;
            case 1 or 49:
                (length, partial) = (3, true);
                break;
            case 65 or 66 or 97 or 98 or 103 or 104:
                if (s.Length < 4)
                {
                    return 0;
                }

                (length, partial) = (4, m % 2 == 0);
                feedDots = m is 65 or 66 ? s[3] : 0;
                break;
            default:
                Report(DiagnosticKind.InvalidParameter, $"GS V {m}: unknown cut mode; skipped.");
                return 3;
        }

        FlushLine(force: false);
        if (feedDots > 0)
        {
            Feed(feedDots, lines: 0);
        }

        blocks.Add(new CutBlock(partial));
        if (splitAtCuts)
        {
            completed.Add(TakeReceipt());
        }

        return length;
    }

    private int RasterImage(ReadOnlySpan<byte> s)
    {
        if (s.Length < 8)
        {
            return 0;
        }

        if (s[2] != '0')
        {
            Report(DiagnosticKind.UnknownCommand, $"GS v 0x{s[2]:X2} is unknown; skipped 2 bytes.");
            return 2;
        }

        var rowBytes = s[4] | (s[5] << 8);
        var rows = s[6] | (s[7] << 8);
        var total = 8 + (rowBytes * rows);
        if (s.Length < total)
        {
            return 0;
        }

        if (rowBytes == 0 || rows == 0)
        {
            Report(DiagnosticKind.InvalidParameter, "GS v 0 with an empty image.");
            return total;
        }

        if (s[3] is not (0 or 48))
        {
            Report(DiagnosticKind.IgnoredCommand, $"GS v 0 scale mode {s[3]} is shown at normal size.");
        }

        FlushLine(force: false);
        var bitmap = new MonoBitmap(rowBytes * 8, rows, s.Slice(8, rowBytes * rows).ToArray());
        if (blocks.Count > 0 && blocks[^1] is ImageBlock previous && previous.Alignment == alignment && previous.Bitmap.Width == bitmap.Width)
        {
            blocks[^1] = previous with { Bitmap = previous.Bitmap.Append(bitmap) };
        }
        else
        {
            blocks.Add(new ImageBlock(alignment, bitmap));
        }

        return total;
    }

    private int Barcode(ReadOnlySpan<byte> s)
    {
        if (s.Length < 3)
        {
            return 0;
        }

        var m = s[2];
        ReadOnlySpan<byte> data;
        int total;
        if (m <= 6)
        {
            var end = s[3..].IndexOf((byte)0);
            if (end < 0)
            {
                return s.Length > 300 ? Skip(DiagnosticKind.InvalidParameter, "GS k data is not NUL-terminated.", 3) : 0;
            }

            data = s.Slice(3, end);
            total = 4 + end;
        }
        else
        {
            if (s.Length < 4)
            {
                return 0;
            }

            total = 4 + s[3];
            if (s.Length < total)
            {
                return 0;
            }

            data = s.Slice(4, s[3]);
        }

        FlushLine(force: false);
        var (symbology, text) = m switch
        {
            73 => (BarcodeSymbology.Code128, DecodeCode128(data)),
            4 or 69 => (BarcodeSymbology.Code39, System.Text.Encoding.ASCII.GetString(data)),
            2 or 67 => (BarcodeSymbology.Ean13, System.Text.Encoding.ASCII.GetString(data)),
            _ => (BarcodeSymbology.Other, System.Text.Encoding.ASCII.GetString(data)),
        };
        if (symbology == BarcodeSymbology.Other)
        {
            Report(DiagnosticKind.IgnoredCommand, $"GS k m={m}: this symbology is shown as text only.");
        }

        blocks.Add(new BarcodeBlock(alignment, symbology, text, barcodeHeight, barcodeModuleWidth, hri));
        return total;
    }

    private string DecodeCode128(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        var set = 'B';
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '{' && i + 1 < data.Length)
            {
                var next = (char)data[++i];
                switch (next)
                {
                    case 'A' or 'B' or 'C':
                        set = next;
                        continue;
                    case '{':
                        text.Append('{');
                        continue;
                    default:
                        // FNC1..4 and SHIFT carry no human-readable text.
                        continue;
                }
            }

            if (set == 'C')
            {
                text.Append(b < 100 ? b.ToString("00", CultureInfo.InvariantCulture) : "??");
            }
            else
            {
                text.Append((char)b);
            }
        }

        if (data.Length < 2 || data[0] != '{')
        {
            Report(DiagnosticKind.InvalidParameter, "GS k CODE128 data does not start with a code set ({A, {B or {C).");
        }

        return text.ToString();
    }

    private int GsParen(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5)
        {
            return 0;
        }

        var parameterLength = s[3] | (s[4] << 8);
        var total = 5 + parameterLength;
        if (s.Length < total)
        {
            return 0;
        }

        var parameters = s.Slice(5, parameterLength);
        if (s[2] != 'k' || parameters.Length < 2 || parameters[0] != 49)
        {
            Report(DiagnosticKind.IgnoredCommand, $"GS ( {(char)s[2]} ({total} bytes{(s[2] == 'k' && parameters.Length > 0 ? $", symbol type {parameters[0]}" : string.Empty)}) is not rendered.");
            return total;
        }

        var fn = parameters[1];
        switch (fn)
        {
            case 65:
                if (parameters.Length >= 3 && parameters[2] != 50)
                {
                    Report(DiagnosticKind.InvalidParameter, $"QR model {parameters[2] - 48} selected; the preview draws model 2.");
                }

                break;
            case 67 when parameters.Length >= 3:
                qrModuleSize = parameters[2];
                break;
            case 69 when parameters.Length >= 3:
                var level = parameters[2] is >= 48 and <= 51 ? (QrErrorCorrection)parameters[2] : QrErrorCorrection.L;
                qrErrorCorrection = level;
                break;
            case 80:
                qrStored = parameters.Length > 3 ? parameters[3..].ToArray() : [];
                break;
            case 81:
                FlushLine(force: false);
                if (qrStored is null || qrStored.Length == 0)
                {
                    Report(DiagnosticKind.InvalidParameter, "QR print requested with no data stored.");
                }
                else
                {
                    blocks.Add(new QrBlock(alignment, qrStored, qrModuleSize, qrErrorCorrection));
                }

                break;
            default:
                Report(DiagnosticKind.IgnoredCommand, $"GS ( k QR function {fn} does not change the preview.");
                break;
        }

        return total;
    }

    private int FileSeparator(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2)
        {
            return 0;
        }

        var c = (char)s[1];
        switch (c)
        {
            case '.' or '&':
                Report(DiagnosticKind.IgnoredCommand, $"FS {c} (Kanji/Chinese mode) does not change the preview.");
                return 2;
            case 'p':
                return s.Length < 4 ? 0 : Skip(DiagnosticKind.IgnoredCommand, "FS p (NV logo stored in the printer) cannot be shown: its image lives in the printer.", 4);
            case '!' or '-' or 'C':
                return s.Length < 3 ? 0 : Skip(DiagnosticKind.IgnoredCommand, $"FS {c} (Kanji mode setting) does not change the preview.", 3);
            default:
                Report(DiagnosticKind.UnknownCommand, $"FS 0x{s[1]:X2} is unknown; skipped 2 bytes.");
                return 2;
        }
    }

    private int Skip(DiagnosticKind kind, string message, int length)
    {
        Report(kind, message);
        return length;
    }

    private void Report(DiagnosticKind kind, string message) => diagnostics.Add(new InterpreterDiagnostic(kind, offset, message));

    private void AddChar(char c)
    {
        var charWidth = PaperProfile.CharacterWidthDots * style.WidthMultiplier;
        if (lineWidthDots + charWidth > Paper.DotWidth)
        {
            // The printer wraps at the paper edge by itself; mirror that so the preview shows the overflow.
            FlushLine(force: true);
        }

        lineAlignment ??= alignment;
        if (style != runStyle && run.Length > 0)
        {
            runs.Add(new TextRun(run.ToString(), runStyle));
            run.Clear();
        }

        runStyle = style;
        run.Append(c);
        lineWidthDots += charWidth;
    }

    private void FlushLine(bool force)
    {
        if (run.Length > 0)
        {
            runs.Add(new TextRun(run.ToString(), runStyle));
            run.Clear();
        }

        if (runs.Count == 0 && !force)
        {
            return;
        }

        blocks.Add(new TextLine(lineAlignment ?? alignment, runs.ToArray(), lineSpacing));
        runs.Clear();
        lineAlignment = null;
        lineWidthDots = 0;
    }

    private void Feed(int dots, int lines)
    {
        var printedLine = runs.Count > 0 || run.Length > 0;
        FlushLine(force: false);
        // ESC d n prints the pending line, which itself advances one line; only the rest is blank paper.
        var extra = printedLine && lines > 0 ? dots - lineSpacing : dots;
        if (extra <= 0)
        {
            return;
        }

        if (blocks.Count > 0 && blocks[^1] is FeedBlock previous)
        {
            blocks[^1] = new FeedBlock(previous.Dots + extra);
        }
        else
        {
            blocks.Add(new FeedBlock(extra));
        }
    }
}
