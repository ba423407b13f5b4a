using Kiosk.DeviceDrivers.Printing.Imaging;
using static Kiosk.DeviceDrivers.Printing.Encoding.EscPosCommands;

namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>
/// Builds one ESC/POS job. Fluent, pure and allocation-light: everything goes into one growing byte buffer, text is
/// encoded through a byte table with no intermediate strings unless a character must be transliterated, and a builder
/// can be <see cref="Clear"/>ed and reused for the next ticket. Every command is the Epson ESC/POS form that
/// TM-T20/TM-T82, Xprinter XP-58/XP-80 and POS-58 clones share; where they differ (buzzer, QR) it says so.
/// Out-of-range arguments throw <see cref="ArgumentException"/> at build time, never on paper.
/// </summary>
public sealed class EscPosBuilder
{
    /// <summary>Byte-mode QR capacity (version 40) per error-correction level, ISO/IEC 18004 table 7.</summary>
    private static readonly Dictionary<QrErrorCorrection, int> QrByteCapacity = new()
    {
        [QrErrorCorrection.L] = 2953, [QrErrorCorrection.M] = 2331, [QrErrorCorrection.Q] = 1663, [QrErrorCorrection.H] = 1273,
    };

    /// <summary>Raster bands stay under 256 rows: small-buffer clones (POS-58) drop larger GS v 0 blocks.</summary>
    private const int RasterBandRows = 255;

    private byte[] buffer;
    private int length;
    private int widthMultiplier = 1;

    public EscPosBuilder(PaperProfile paper, EscPosCodePage? codePage = null, BuzzerCommand buzzer = BuzzerCommand.None, int initialCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(paper);
        Paper = paper;
        CodePage = codePage ?? EscPosCodePage.Pc437;
        Buzzer = buzzer;
        buffer = new byte[Math.Max(64, initialCapacity)];
    }

    public PaperProfile Paper { get; }

    public EscPosCodePage CodePage { get; private set; }

    public BuzzerCommand Buzzer { get; }

    /// <summary>False when no buzzer command is configured: <see cref="Beep"/> then adds nothing.</summary>
    public bool CanBeep => Buzzer != BuzzerCommand.None;

    public int Length => length;

    /// <summary>Columns available at the current character width (GS ! width multiplier).</summary>
    public int CurrentColumns => Math.Max(1, Paper.Columns / widthMultiplier);

    /// <summary>The bytes so far; valid until the builder is changed.</summary>
    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, length);

    public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    /// <summary>A copy of the job, safe to hand to a transport while the builder is reused.</summary>
    public ReadOnlyMemory<byte> Build() => ToArray();

    public EscPosBuilder Clear()
    {
        length = 0;
        widthMultiplier = 1;
        return this;
    }

    /// <summary>ESC @ then ESC t: the reset returns the printer to its default table, so the code page is selected again.</summary>
    public EscPosBuilder Initialize()
    {
        widthMultiplier = 1;
        Append(Esc, (byte)'@');
        return SelectCodePage(CodePage);
    }

    public EscPosBuilder SelectCodePage(EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(codePage);
        CodePage = codePage;
        Append(Esc, (byte)'t', codePage.EscTNumber);
        return this;
    }

    public EscPosBuilder Align(Alignment alignment)
    {
        if (!Enum.IsDefined(alignment))
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Left, Center or Right.");
        }

        Append(Esc, (byte)'a', (byte)alignment);
        return this;
    }

    public EscPosBuilder Bold(bool on = true)
    {
        Append(Esc, (byte)'E', on ? (byte)1 : (byte)0);
        return this;
    }

    public EscPosBuilder Underline(UnderlineMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "None, OneDot or TwoDots.");
        }

        Append(Esc, (byte)'-', (byte)mode);
        return this;
    }

    public EscPosBuilder Underline(bool on = true) => Underline(on ? UnderlineMode.OneDot : UnderlineMode.None);

    /// <summary>GS B: white text on black.</summary>
    public EscPosBuilder Reverse(bool on = true)
    {
        Append(Gs, (byte)'B', on ? (byte)1 : (byte)0);
        return this;
    }

    /// <summary>GS !: character width and height multipliers, each 1..8 (a queue number at 8x is readable across a room).</summary>
    public EscPosBuilder Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8);
        widthMultiplier = width;
        Append(Gs, (byte)'!', (byte)(((width - 1) << 4) | (height - 1)));
        return this;
    }

    public EscPosBuilder NormalSize() => Size(1, 1);

    /// <summary>
    /// The widest multiplier (up to <paramref name="max"/>) at which <paramref name="text"/> stays on one line: "A-012"
    /// fits 8x on 80 mm (40 of 48 columns) but only 6x on 58 mm (30 of 32), where 8x would wrap the number.
    /// </summary>
    public int LargestWidthFor(string text, int max = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 8);
        var length = Math.Max(1, Transliterator.ToPrintable(text, CodePage).Length);
        return Math.Clamp(Paper.Columns / length, 1, max);
    }

    /// <summary>ESC 3 n: line pitch in dots (0..255).</summary>
    public EscPosBuilder LineSpacing(int dots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dots, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dots, 255);
        Append(Esc, (byte)'3', (byte)dots);
        return this;
    }

    /// <summary>ESC 2: back to the default pitch (about 1/6 inch).</summary>
    public EscPosBuilder DefaultLineSpacing()
    {
        Append(Esc, (byte)'2');
        return this;
    }

    /// <summary>ESC d n: print the buffer and feed n lines (split into several commands past 255).</summary>
    public EscPosBuilder Feed(int lines = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 0);
        do
        {
            var step = Math.Min(lines, 255);
            Append(Esc, (byte)'d', (byte)step);
            lines -= step;
        }
        while (lines > 0);
        return this;
    }

    /// <summary>ESC J n: print and feed n dots.</summary>
    public EscPosBuilder FeedDots(int dots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dots, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dots, 255);
        Append(Esc, (byte)'J', (byte)dots);
        return this;
    }

    public EscPosBuilder NewLine()
    {
        Append(Lf);
        return this;
    }

    /// <summary>Text as is, no line feed and no wrapping; a control character becomes '?' so text can never become a command.</summary>
    public EscPosBuilder Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var printable = Transliterator.ToPrintable(text, CodePage);
        WriteEncoded(printable);
        return this;
    }

    /// <summary>Text wrapped to the current width (words never split silently), each line ended with LF.</summary>
    public EscPosBuilder Line(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        while (true)
        {
            // Each explicit line is transliterated on its own: the transliterator turns control characters (LF too) into text.
            var newline = rest.IndexOf('\n');
            var paragraph = (newline < 0 ? rest : rest[..newline]).TrimEnd('\r');
            var printable = Transliterator.IsEncodable(paragraph, CodePage) ? paragraph : Transliterator.ToPrintable(paragraph.ToString(), CodePage).AsSpan();
            var lines = TextWrapper.Enumerate(printable, CurrentColumns);
            while (lines.MoveNext())
            {
                WriteEncoded(lines.Current);
                if (lines.Hyphenated)
                {
                    Append((byte)'-');
                }

                Append(Lf);
            }

            if (newline < 0)
            {
                return this;
            }

            rest = rest[(newline + 1)..];
        }
    }

    /// <summary>One line with <paramref name="left"/> flush left and <paramref name="right"/> flush right; wraps the left part if both do not fit.</summary>
    public EscPosBuilder Row(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = Transliterator.ToPrintable(left, CodePage);
        var r = Transliterator.ToPrintable(right, CodePage);
        var columns = CurrentColumns;
        if (l.Length + r.Length + 1 > columns)
        {
            Line(l);
            return Line(new string(' ', Math.Max(0, columns - r.Length)) + r);
        }

        WriteEncoded(l);
        AppendRepeated((byte)' ', columns - l.Length - r.Length);
        WriteEncoded(r);
        Append(Lf);
        return this;
    }

    /// <summary>A full-width rule of <paramref name="c"/>.</summary>
    public EscPosBuilder Divider(char c = '-')
    {
        var printable = Transliterator.ToPrintable(c.ToString(), CodePage);
        if (!CodePage.TryGetByte(printable[0], out var b))
        {
            b = (byte)'-';
        }

        AppendRepeated(b, CurrentColumns);
        Append(Lf);
        return this;
    }

    /// <summary>QR code, model 2, from the UTF-8 bytes of <paramref name="payload"/> (non-ASCII survives; the length is the byte count).</summary>
    public EscPosBuilder Qr(string payload, int moduleSize = 6, QrErrorCorrection errorCorrection = QrErrorCorrection.M)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var count = System.Text.Encoding.UTF8.GetByteCount(payload);
        var bytes = count <= 1024 ? stackalloc byte[count] : new byte[count];
        System.Text.Encoding.UTF8.GetBytes(payload, bytes);
        return Qr(bytes, moduleSize, errorCorrection);
    }

    /// <summary>GS ( k: select model 2, module size, EC level, store the data (pL pH = length + 3), print.</summary>
    public EscPosBuilder Qr(ReadOnlySpan<byte> payload, int moduleSize = 6, QrErrorCorrection errorCorrection = QrErrorCorrection.M)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleSize, 16);
        if (!QrByteCapacity.TryGetValue(errorCorrection, out var capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(errorCorrection), errorCorrection, "L, M, Q or H.");
        }

        if (payload.IsEmpty)
        {
            throw new ArgumentException("A QR code needs at least one byte of data.", nameof(payload));
        }

        if (payload.Length > capacity)
        {
            throw new ArgumentException($"QR payload is {payload.Length} bytes; level {errorCorrection} holds at most {capacity}.", nameof(payload));
        }

        Append(Gs, (byte)'(', (byte)'k', 4, 0, 49, 65, 50, 0);
        Append(Gs, (byte)'(', (byte)'k', 3, 0, 49, 67, (byte)moduleSize);
        Append(Gs, (byte)'(', (byte)'k', 3, 0, 49, 69, (byte)errorCorrection);
        var storeLength = payload.Length + 3;
        Append(Gs, (byte)'(', (byte)'k', (byte)(storeLength & 0xFF), (byte)(storeLength >> 8), 49, 80, 48);
        Append(payload);
        Append(Gs, (byte)'(', (byte)'k', 3, 0, 49, 81, 48);
        return this;
    }

    /// <summary>
    /// The same QR code drawn here and sent as a GS v 0 raster image, for printers without GS ( k (POS-58 clones,
    /// older Xprinter XP-58/XP-80C firmware, Epson TM-T88III and older), which otherwise print the command as text.
    /// </summary>
    public EscPosBuilder QrImage(string payload, int moduleSize = 6, QrErrorCorrection errorCorrection = QrErrorCorrection.M)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleSize, 16);
        var bytes = System.Text.Encoding.UTF8.GetBytes(payload);
        if (bytes.Length == 0 || !QrByteCapacity.TryGetValue(errorCorrection, out var capacity) || bytes.Length > capacity)
        {
            throw new ArgumentException($"QR payload of {bytes.Length} bytes does not fit level {errorCorrection}.", nameof(payload));
        }

        return Image(QrRaster.Render(bytes, moduleSize, errorCorrection, Paper.DotWidth));
    }

    /// <summary>
    /// CODE128 with GS k m=73 (the printer adds the check digit): an even run of 4+ digits goes as code set C
    /// (two digits per byte, half the width), anything else as code set B. Only printable ASCII is accepted.
    /// </summary>
    public EscPosBuilder Code128(string data, int height = 80, int moduleWidth = 2, HriPosition hri = HriPosition.Below)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleWidth, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleWidth, 6);
        if (data.Length == 0)
        {
            throw new ArgumentException("A barcode needs data.", nameof(data));
        }

        foreach (var c in data)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"CODE128 takes printable ASCII only; '{c}' (U+{(int)c:X4}) is not.", nameof(data));
            }
        }

        var useSetC = data.Length >= 4 && data.Length % 2 == 0 && data.All(char.IsAsciiDigit);
        Span<byte> encoded = stackalloc byte[(data.Length * 2) + 2];
        var n = 0;
        encoded[n++] = (byte)'{';
        if (useSetC)
        {
            encoded[n++] = (byte)'C';
            for (var i = 0; i < data.Length; i += 2)
            {
                encoded[n++] = (byte)(((data[i] - '0') * 10) + (data[i + 1] - '0'));
            }
        }
        else
        {
            encoded[n++] = (byte)'B';
            foreach (var c in data)
            {
                // '{' starts a code-set switch in GS k data, so a literal brace is sent as "{{".
                if (c == '{')
                {
                    encoded[n++] = (byte)'{';
                }

                encoded[n++] = (byte)c;
            }
        }

        if (n > 255)
        {
            throw new ArgumentException($"CODE128 data is {n} bytes encoded; GS k takes at most 255.", nameof(data));
        }

        Append(Gs, (byte)'h', (byte)height);
        Append(Gs, (byte)'w', (byte)moduleWidth);
        Append(Gs, (byte)'H', (byte)hri);
        Append(Gs, (byte)'k', 73, (byte)n);
        Append(encoded[..n]);
        return this;
    }

    /// <summary>GS v 0 raster image, in bands of at most 255 rows; wider than the paper is an error, not a clipped logo.</summary>
    public EscPosBuilder Image(MonoBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.Width > Paper.DotWidth)
        {
            throw new ArgumentException($"Image is {bitmap.Width} dots wide; {Paper.Name} paper prints {Paper.DotWidth}.", nameof(bitmap));
        }

        var rowBytes = bitmap.BytesPerRow;
        for (var start = 0; start < bitmap.Height; start += RasterBandRows)
        {
            var rows = Math.Min(RasterBandRows, bitmap.Height - start);
            Append(Gs, (byte)'v', (byte)'0', 0, (byte)(rowBytes & 0xFF), (byte)(rowBytes >> 8), (byte)(rows & 0xFF), (byte)(rows >> 8));
            Append(bitmap.PackedRows.Slice(start * rowBytes, rows * rowBytes));
        }

        return this;
    }

    /// <summary>Feeds the last line past the cutter, then GS V 0 (full) or GS V 1 (partial: a tab holds the ticket).</summary>
    public EscPosBuilder Cut(bool partial = false)
    {
        Feed(Paper.CutFeedLines);
        Append(Gs, (byte)'V', partial ? (byte)1 : (byte)0);
        return this;
    }

    /// <summary>Sounds the buzzer <paramref name="times"/> times (1..9) with the configured command; nothing when there is none.</summary>
    public EscPosBuilder Beep(int times = 1, int durationTenths = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(times, 9);
        ArgumentOutOfRangeException.ThrowIfLessThan(durationTenths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(durationTenths, 9);
        switch (Buzzer)
        {
            case BuzzerCommand.EpsonEscParenA:
                // fn 48: n = sound pattern (49 = pattern A), c = count, t = cycle in 100 ms.
                Append(Esc, (byte)'(', (byte)'A', 4, 0, 48, 49, (byte)times, (byte)durationTenths);
                break;
            case BuzzerCommand.XprinterEscB:
                // ESC B n t: n beeps, each t x 50 ms.
                Append(Esc, (byte)'B', (byte)times, (byte)Math.Min(9, durationTenths * 2));
                break;
            default:
                break;
        }

        return this;
    }

    /// <summary>Bytes passed through untouched (for commands this builder does not know).</summary>
    public EscPosBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        Append(bytes);
        return this;
    }

    private void WriteEncoded(ReadOnlySpan<char> text)
    {
        EnsureCapacity(text.Length);
        foreach (var c in text)
        {
            // Transliteration left only encodable characters; control characters still map to a space.
            buffer[length++] = c >= ' ' && CodePage.TryGetByte(c, out var b) ? b : (byte)' ';
        }
    }

    private void AppendRepeated(byte value, int count)
    {
        if (count <= 0)
        {
            return;
        }

        EnsureCapacity(count);
        buffer.AsSpan(length, count).Fill(value);
        length += count;
    }

    private void Append(byte a)
    {
        EnsureCapacity(1);
        buffer[length++] = a;
    }

    private void Append(byte a, byte b)
    {
        EnsureCapacity(2);
        buffer[length++] = a;
        buffer[length++] = b;
    }

    private void Append(byte a, byte b, byte c)
    {
        EnsureCapacity(3);
        buffer[length++] = a;
        buffer[length++] = b;
        buffer[length++] = c;
    }

    private void Append(params ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void EnsureCapacity(int extra)
    {
        if (length + extra <= buffer.Length)
        {
            return;
        }

        var size = Math.Max(buffer.Length * 2, length + extra);
        Array.Resize(ref buffer, size);
    }
}
