using System.Text.RegularExpressions;

namespace Kiosk.Device.Tests.Units;

/// <summary>
/// The house rules for a sentence a person reads (helper-rules: Bahasa Indonesia, no English, no doubled words), as
/// checks the text tests share: over the catalogues with sample values and over replies and statuses captured live.
/// </summary>
internal static partial class HumanText
{
    /// <summary>Common English words that have no place in an Indonesian sentence (configuration keys and file names
    /// are code and are left out before the check).</summary>
    public static readonly IReadOnlySet<string> EnglishWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "the", "not", "failed", "fail", "error", "cannot", "got", "must", "invalid", "errno", "exception", "such", "unknown",
        "refused", "denied", "timeout", "timed", "connection", "please", "is", "was", "of", "and", "or", "could",
        "should", "expected", "missing", "unable", "job", "sent", "reached", "address", "with", "from",
    };

    /// <summary>The English words in <paramref name="text"/>, after configuration keys, options and paths are left out.</summary>
    public static IReadOnlyList<string> English(string text) =>
        [.. Words(Code().Replace(text, " ")).Where(EnglishWords.Contains)];

    /// <summary>The first word said twice in a row ("Loket Loket 3") or run of two to five words said twice
    /// ("Kiosk tidak terhubung: Kiosk tidak terhubung"), case-insensitive; null when there is none. A word repeated across
    /// punctuation ("satu tiket, tiket Anda") is a new clause, and a hyphenated plural ("tiket-tiket") is one word.</summary>
    public static string? Doubled(string text)
    {
        var words = Word().Matches(text).ToList();
        for (var length = 1; length <= 5; length++)
        {
            for (var i = 0; i + 2 * length <= words.Count; i++)
            {
                var repeated = Enumerable.Range(0, length).All(k => string.Equals(words[i + k].Value, words[i + length + k].Value, StringComparison.OrdinalIgnoreCase));
                var first = words[i + length - 1];
                var between = text[(first.Index + first.Length)..words[i + length].Index];
                if (repeated && (length > 1 || string.IsNullOrWhiteSpace(between)))
                {
                    return string.Join(' ', words.Skip(i).Take(2 * length).Select(w => w.Value));
                }
            }
        }

        return null;
    }

    /// <summary>Both checks in one message for an assertion; empty when the sentence is clean.</summary>
    public static string Problems(string text)
    {
        var english = English(text);
        var doubled = Doubled(text);
        return (english.Count > 0 ? $"English: {string.Join(", ", english)}. " : string.Empty)
            + (doubled is not null ? $"Doubled: \"{doubled}\"." : string.Empty);
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\p{L}+(?:-\p{L}+)*")]
    private static partial Regex Word();

    // Kiosk:Printer:Transport, --from, /etc/kiosk/appsettings.json, Kiosk.Device, application/json: code, not words.
    [GeneratedRegex(@"\S*[:/\\]\S*|--\S+|\S+\.\S+")]
    private static partial Regex Code();
}
