using System.Globalization;
using System.Text;

namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>
/// Makes any text printable in a code page without losing characters: what the table has stays, accented letters
/// lose their accent (Ç -> C), typographic punctuation becomes ASCII, and anything else becomes '?', one per
/// character (a surrogate pair counts once). Only a stray combining mark, which belongs to the letter before it,
/// is absorbed into that letter.
/// </summary>
public static class Transliterator
{
    private static readonly Dictionary<char, string> Substitutes = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['Æ'] = "AE", ['œ'] = "oe", ['Œ'] = "OE", ['ø'] = "o", ['Ø'] = "O",
        ['đ'] = "d", ['Đ'] = "D", ['ł'] = "l", ['Ł'] = "L", ['ı'] = "i", ['þ'] = "th", ['Þ'] = "TH",
        ['‘'] = "'", ['’'] = "'", ['‚'] = "'", ['‛'] = "'", ['′'] = "'", ['“'] = "\"", ['”'] = "\"", ['„'] = "\"",
        ['–'] = "-", ['—'] = "-", ['‐'] = "-", ['‑'] = "-", ['−'] = "-", ['…'] = "...", ['•'] = "*", ['·'] = ".",
        ['€'] = "EUR", ['™'] = "TM", ['©'] = "(c)", ['®'] = "(R)", ['×'] = "x", ['÷'] = "/", ['\u00A0'] = " ",
        ['\u2007'] = " ", ['\u202F'] = " ", ['\u2009'] = " ", ['\t'] = " ", ['«'] = "<<", ['»'] = ">>",
    };

    /// <summary>True when every character is in the table already (the allocation-free fast path).</summary>
    public static bool IsEncodable(ReadOnlySpan<char> text, EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(codePage);
        foreach (var c in text)
        {
            if (!codePage.CanEncode(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns text whose every character <paramref name="codePage"/> can encode.</summary>
    public static string ToPrintable(string text, EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(codePage);
        if (IsEncodable(text, codePage))
        {
            return text;
        }

        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        for (var i = 0; i < composed.Length; i++)
        {
            var c = composed[i];
            if (codePage.CanEncode(c))
            {
                builder.Append(c);
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < composed.Length && char.IsLowSurrogate(composed[i + 1]))
            {
                builder.Append('?');
                i++;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark && builder.Length > 0)
            {
                continue;
            }

            if (c is '\r' or '\n')
            {
                builder.Append(' ');
                continue;
            }

            if (Substitutes.TryGetValue(c, out var substitute) && IsEncodable(substitute, codePage))
            {
                builder.Append(substitute);
                continue;
            }

            builder.Append(StripAccent(c, codePage) ?? "?");
        }

        return builder.ToString();
    }

    private static string? StripAccent(char c, EscPosCodePage codePage)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder();
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (!codePage.CanEncode(part))
            {
                return null;
            }

            kept.Append(part);
        }

        return kept.Length > 0 ? kept.ToString() : null;
    }
}
