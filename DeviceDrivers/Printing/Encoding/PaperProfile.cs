namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>
/// A paper roll width as the printer sees it: how many Font A characters (12 dots wide) fit in a line and how many
/// dots the head prints. <see cref="CutFeedLines"/> is how far the paper must move so the last line clears the cutter
/// (the head-to-cutter distance of TM-T82/Xprinter class mechanisms is about 4 lines at the default spacing).
/// </summary>
public sealed record PaperProfile(string Name, int Columns, int DotWidth, int CutFeedLines = 4)
{
    /// <summary>58 mm roll: 48 mm printable, 384 dots, 32 columns of Font A.</summary>
    public static PaperProfile Mm58 { get; } = new("58mm", 32, 384);

    /// <summary>80 mm roll: 72 mm printable, 576 dots, 48 columns of Font A.</summary>
    public static PaperProfile Mm80 { get; } = new("80mm", 48, 576);

    /// <summary>Font A cell: 12 x 24 dots.</summary>
    public const int CharacterWidthDots = 12;

    public const int CharacterHeightDots = 24;

    /// <summary>ESC 2 default line pitch (1/6 inch at 180 dpi... 30 dots at 203 dpi on TM-T20/T82 and Xprinter).</summary>
    public const int DefaultLineSpacingDots = 30;

    /// <summary>Parses "58", "58mm", "80", "80mm" (config values); anything else is a clear error.</summary>
    public static PaperProfile Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant() switch
        {
            "58" or "58MM" => Mm58,
            "80" or "80MM" => Mm80,
            _ => throw new ArgumentException($"Unknown paper width '{value}': use 58mm or 80mm.", nameof(value)),
        };
    }
}
