using System.Text;

namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// LZ-string (pieroxy's <c>lz-string</c>, as of npm 1.5.0), only the "encoded URI component" form BPJS uses: BPJS
/// compresses every response payload with <c>compressToEncodedURIComponent</c> before encrypting it. Written by hand
/// because no NuGet package for it is served here; the double needs the compressor too. The tests hold both directions
/// to the npm package itself, run under Node. Strings are handled as UTF-16 code units exactly like JavaScript, so a
/// lone surrogate survives the round trip as it does there.
/// </summary>
public static class LzString
{
    private const string UriSafeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

    /// <summary>Longest text <see cref="DecompressFromEncodedUriComponent"/> builds before giving up: garbage can grow
    /// quadratically, and no BPJS answer is anywhere near this.</summary>
    public const int DefaultMaxOutputChars = 8 * 1024 * 1024;

    private static readonly int[] UriSafeValues = BuildValues();

    public static string CompressToEncodedUriComponent(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Compress(input, 6, v => UriSafeAlphabet[v]);
    }

    /// <summary>
    /// The text, or null where lz-string answers null (empty input, a reference to a dictionary entry not yet made) or
    /// where the output would pass <paramref name="maxOutputChars"/>. Never throws. Characters outside the alphabet
    /// count as 0 and a space as '+', as in the npm package.
    /// </summary>
    public static string? DecompressFromEncodedUriComponent(string input, int maxOutputChars = DefaultMaxOutputChars)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length == 0)
        {
            return null;
        }

        return Decompress(input.Length, 32, i => i < input.Length ? ValueOf(input[i]) : 0, maxOutputChars);
    }

    private static int ValueOf(char c)
    {
        if (c == ' ')
        {
            c = '+';
        }

        return c < UriSafeValues.Length ? UriSafeValues[c] : 0;
    }

    private static int[] BuildValues()
    {
        var values = new int[128];
        for (var i = 0; i < UriSafeAlphabet.Length; i++)
        {
            values[UriSafeAlphabet[i]] = i;
        }

        return values;
    }

    private static string Compress(string uncompressed, int bitsPerChar, Func<int, char> charOf)
    {
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var toCreate = new HashSet<string>(StringComparer.Ordinal);
        var w = string.Empty;
        var enlargeIn = 2; // the first entry does not count
        var dictSize = 3;
        var numBits = 2;
        var output = new StringBuilder();
        var dataVal = 0;
        var dataPosition = 0;

        void WriteBits(int count, int value)
        {
            for (var i = 0; i < count; i++)
            {
                dataVal = (dataVal << 1) | (value & 1);
                if (dataPosition == bitsPerChar - 1)
                {
                    dataPosition = 0;
                    output.Append(charOf(dataVal));
                    dataVal = 0;
                }
                else
                {
                    dataPosition++;
                }

                value >>= 1;
            }
        }

        void CountDown()
        {
            enlargeIn--;
            if (enlargeIn == 0)
            {
                enlargeIn = 1 << numBits;
                numBits++;
            }
        }

        void WriteW()
        {
            if (toCreate.Contains(w))
            {
                if (w[0] < 256)
                {
                    WriteBits(numBits, 0);
                    WriteBits(8, w[0]);
                }
                else
                {
                    WriteBits(numBits, 1);
                    WriteBits(16, w[0]);
                }

                CountDown();
                toCreate.Remove(w);
            }
            else
            {
                WriteBits(numBits, dictionary[w]);
            }

            CountDown();
        }

        foreach (var ch in uncompressed)
        {
            var c = ch.ToString();
            if (!dictionary.ContainsKey(c))
            {
                dictionary[c] = dictSize++;
                toCreate.Add(c);
            }

            var wc = w + c;
            if (dictionary.ContainsKey(wc))
            {
                w = wc;
            }
            else
            {
                WriteW();
                dictionary[wc] = dictSize++;
                w = c;
            }
        }

        if (w.Length > 0)
        {
            WriteW();
        }

        WriteBits(numBits, 2); // end of stream

        // Flush the last character.
        while (true)
        {
            dataVal <<= 1;
            if (dataPosition == bitsPerChar - 1)
            {
                output.Append(charOf(dataVal));
                break;
            }

            dataPosition++;
        }

        return output.ToString();
    }

    private static string? Decompress(int length, int resetValue, Func<int, int> nextValue, int maxOutputChars)
    {
        var dictionary = new List<string?> { null, null, null };
        var enlargeIn = 4;
        var numBits = 3;
        var result = new StringBuilder();
        var dataVal = nextValue(0);
        var dataPosition = resetValue;
        var dataIndex = 1;

        int ReadBits(int count)
        {
            var bits = 0;
            for (var power = 0; power < count; power++)
            {
                var bit = dataVal & dataPosition;
                dataPosition >>= 1;
                if (dataPosition == 0)
                {
                    dataPosition = resetValue;
                    dataVal = nextValue(dataIndex++);
                }

                if (bit > 0)
                {
                    bits |= 1 << power;
                }
            }

            return bits;
        }

        string c;
        switch (ReadBits(2))
        {
            case 0:
                c = ((char)ReadBits(8)).ToString();
                break;
            case 1:
                c = ((char)ReadBits(16)).ToString();
                break;
            case 2:
                return string.Empty;
            default:
                // lz-string goes on with "undefined" here; no compressor writes it, so it is not a text.
                return null;
        }

        dictionary.Add(c);
        var w = c;
        result.Append(c);
        while (true)
        {
            if (dataIndex > length)
            {
                return string.Empty;
            }

            // numBits grows by one per doubling of the dictionary, which grows by at most two entries per code read,
            // so it stays far below 31 for any input a string can hold.
            var code = ReadBits(numBits);
            switch (code)
            {
                case 0:
                    dictionary.Add(((char)ReadBits(8)).ToString());
                    code = dictionary.Count - 1;
                    enlargeIn--;
                    break;
                case 1:
                    dictionary.Add(((char)ReadBits(16)).ToString());
                    code = dictionary.Count - 1;
                    enlargeIn--;
                    break;
                case 2:
                    return result.ToString();
            }

            if (enlargeIn == 0)
            {
                enlargeIn = 1 << numBits;
                numBits++;
            }

            string entry;
            if (code < dictionary.Count && dictionary[code] is { } known)
            {
                entry = known;
            }
            else if (code == dictionary.Count)
            {
                entry = w + w[0];
            }
            else
            {
                return null;
            }

            if (result.Length + entry.Length > maxOutputChars)
            {
                return null;
            }

            result.Append(entry);
            dictionary.Add(w + entry[0]);
            enlargeIn--;
            w = entry;
            if (enlargeIn == 0)
            {
                enlargeIn = 1 << numBits;
                numBits++;
            }
        }
    }
}
