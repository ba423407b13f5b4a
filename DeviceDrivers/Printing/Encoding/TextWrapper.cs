namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>
/// Word wrapping for a fixed number of columns. Lines break at spaces; a word longer than a whole line is broken
/// with a visible hyphen at the end of each piece, so a reader can always tell a word was split (a printer left alone
/// would cut it mid-word without a mark). Explicit newlines are kept. Allocation-free through <see cref="Enumerate"/>.
/// </summary>
public static class TextWrapper
{
    public static IReadOnlyList<string> Wrap(string text, int columns)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var enumerator = Enumerate(text, columns);
        while (enumerator.MoveNext())
        {
            lines.Add(enumerator.Hyphenated ? string.Concat(enumerator.Current, "-") : enumerator.Current.ToString());
        }

        return lines;
    }

    public static WrapEnumerator Enumerate(ReadOnlySpan<char> text, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        return new WrapEnumerator(text, columns);
    }

    /// <summary>Yields each printed line; <see cref="Hyphenated"/> says the caller must print a '-' after it.</summary>
    public ref struct WrapEnumerator
    {
        private readonly int columns;
        private ReadOnlySpan<char> rest;
        private bool continuation;
        private bool done;

        internal WrapEnumerator(ReadOnlySpan<char> text, int columns)
        {
            rest = text;
            this.columns = columns;
        }

        public ReadOnlySpan<char> Current { get; private set; }

        public bool Hyphenated { get; private set; }

        public bool MoveNext()
        {
            if (done)
            {
                return false;
            }

            Hyphenated = false;
            var newline = rest.IndexOf('\n');
            var paragraphLength = newline < 0 ? rest.Length : newline;
            var lead = 0;
            if (continuation)
            {
                while (lead < paragraphLength && rest[lead] == ' ')
                {
                    lead++;
                }
            }

            var paragraph = rest[lead..paragraphLength];
            if (paragraph.Length <= columns)
            {
                Current = paragraph.TrimEnd(' ').TrimEnd('\r');
                if (newline < 0)
                {
                    done = true;
                }
                else
                {
                    rest = rest[(newline + 1)..];
                }

                continuation = false;
                return true;
            }

            var space = paragraph[..(columns + 1)].LastIndexOf(' ');
            if (space > 0 && !paragraph[..space].Trim(' ').IsEmpty)
            {
                Current = paragraph[..space].TrimEnd(' ');
                rest = rest[(lead + space + 1)..];
            }
            else if (columns >= 2)
            {
                Current = paragraph[..(columns - 1)];
                Hyphenated = true;
                rest = rest[(lead + columns - 1)..];
            }
            else
            {
                Current = paragraph[..1];
                rest = rest[(lead + 1)..];
            }

            continuation = true;
            return true;
        }
    }
}
