using System.Collections.Frozen;
using System.Text;

namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>
/// A character code table as selected by ESC t n, paired with the .NET code page that has the same glyphs in the
/// upper half. The byte tables are built once from the .NET <see cref="System.Text.Encoding"/> (CodePagesEncodingProvider),
/// so encoding a line is a table lookup with no allocation, and text the table cannot show is transliterated
/// (é -> e, “ -> ", € -> EUR) instead of being dropped or turned into a byte the printer would misprint.
/// The ESC t numbers are Epson's (TM-T20/TM-T82); Xprinter and most POS-58 clones use the same numbers for these
/// four tables, but some clones map 16 differently — pick <see cref="Pc437"/> when in doubt, it is on every printer.
/// </summary>
public sealed class EscPosCodePage
{
    private static readonly Lazy<EscPosCodePage> Pc437Lazy = new(() => new EscPosCodePage("PC437", 0, 437));
    private static readonly Lazy<EscPosCodePage> Pc850Lazy = new(() => new EscPosCodePage("PC850", 2, 850));
    private static readonly Lazy<EscPosCodePage> Pc858Lazy = new(() => new EscPosCodePage("PC858", 19, 858));
    private static readonly Lazy<EscPosCodePage> Wpc1252Lazy = new(() => new EscPosCodePage("WPC1252", 16, 1252));

    private readonly FrozenDictionary<char, byte> toByte;
    private readonly char[] toChar = new char[256];

    // Printable ASCII maps to itself in every table offered here; checked at construction, it skips the dictionary for most text.
    private readonly bool asciiCompatible;

    private EscPosCodePage(string name, byte escTNumber, int dotNetCodePage)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Name = name;
        EscTNumber = escTNumber;
        DotNetCodePage = dotNetCodePage;
        Encoding = System.Text.Encoding.GetEncoding(dotNetCodePage);
        var map = new Dictionary<char, byte>();
        Span<byte> one = stackalloc byte[1];
        Span<char> decoded = stackalloc char[2];
        for (var b = 0; b < 256; b++)
        {
            one[0] = (byte)b;
            var n = Encoding.GetChars(one, decoded);
            var c = n == 1 ? decoded[0] : '\uFFFD';
            toChar[b] = b < 0x20 || b == 0x7F ? '?' : c;
            // Control bytes are commands, never text; the replacement char means the code page leaves the byte undefined.
            if (b >= 0x20 && b != 0x7F && c != '\uFFFD')
            {
                map.TryAdd(c, (byte)b);
            }
        }

        toByte = map.ToFrozenDictionary();
        asciiCompatible = Enumerable.Range(0x20, 0x5F).All(c => map.TryGetValue((char)c, out var b) && b == c);
    }

    public static EscPosCodePage Pc437 => Pc437Lazy.Value;

    public static EscPosCodePage Pc850 => Pc850Lazy.Value;

    public static EscPosCodePage Pc858 => Pc858Lazy.Value;

    public static EscPosCodePage Wpc1252 => Wpc1252Lazy.Value;

    public static IReadOnlyList<EscPosCodePage> All => [Pc437, Pc850, Pc858, Wpc1252];

    public string Name { get; }

    /// <summary>The n of ESC t n.</summary>
    public byte EscTNumber { get; }

    public int DotNetCodePage { get; }

    public System.Text.Encoding Encoding { get; }

    /// <summary>The table an ESC t n selects, or null when it is not one of ours (the interpreter reports it).</summary>
    public static EscPosCodePage? FromEscT(byte n) => All.FirstOrDefault(p => p.EscTNumber == n);

    /// <summary>Parses a config value: "PC437", "437", "PC858", "WPC1252", "1252"...</summary>
    public static EscPosCodePage Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var key = value.Trim().ToUpperInvariant();
        return All.FirstOrDefault(p => p.Name == key || p.DotNetCodePage.ToString(System.Globalization.CultureInfo.InvariantCulture) == key || "CP" + p.DotNetCodePage == key)
            ?? throw new ArgumentException($"Unknown code page '{value}': use one of {string.Join(", ", All.Select(p => p.Name))}.", nameof(value));
    }

    public bool CanEncode(char c) => (asciiCompatible && c is >= ' ' and < '\u007F') || toByte.ContainsKey(c);

    public bool TryGetByte(char c, out byte value)
    {
        if (asciiCompatible && c is >= ' ' and < '\u007F')
        {
            value = (byte)c;
            return true;
        }

        return toByte.TryGetValue(c, out value);
    }

    public char Decode(byte b) => toChar[b];

    public override string ToString() => $"{Name} (ESC t {EscTNumber})";
}
