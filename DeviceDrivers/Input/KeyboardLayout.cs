using System.Collections.Frozen;
using System.Globalization;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// Key code to character, plain and shifted. Readers emulate a US keyboard by default; a reader programmed for
/// another layout gets overrides from configuration as "code": "plain+shifted" pairs, e.g. "12": "-_".
/// </summary>
public sealed class KeyboardLayout
{
    private readonly FrozenDictionary<ushort, (char Plain, char Shifted)> map;

    private KeyboardLayout(IDictionary<ushort, (char Plain, char Shifted)> map) => this.map = map.ToFrozenDictionary();

    public static KeyboardLayout UsEnglish { get; } = new(BuildUs());

    public int Count => map.Count;

    public bool TryTranslate(ushort code, bool shift, bool capsLock, out char character)
    {
        if (!map.TryGetValue(code, out var pair))
        {
            character = '\0';
            return false;
        }

        // Caps Lock flips letters only, as on a real keyboard; digits and punctuation follow Shift alone.
        var upper = char.IsAsciiLetter(pair.Plain) ? shift ^ capsLock : shift;
        character = upper ? pair.Shifted : pair.Plain;
        return true;
    }

    /// <summary>A copy with <paramref name="overrides"/> ("30": "aA"); bad entries are named in the error.</summary>
    public KeyboardLayout With(IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var copy = new Dictionary<ushort, (char, char)>(map);
        var problems = new List<string>();
        foreach (var (key, value) in overrides)
        {
            if (!ushort.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code > 0x2FF)
            {
                problems.Add($"\"{key}\" is not a key code (0..767)");
            }
            else if (value is null || value.Length != 2 || char.IsControl(value[0]) || char.IsControl(value[1]))
            {
                problems.Add($"key {key}: \"{value}\" must be two printable characters, plain then shifted");
            }
            else
            {
                copy[code] = (value[0], value[1]);
            }
        }

        return problems.Count == 0
            ? new KeyboardLayout(copy)
            : throw new DeviceConfigurationException("Keyboard layout overrides are invalid: " + string.Join("; ", problems) + ".");
    }

    private static Dictionary<ushort, (char, char)> BuildUs()
    {
        var map = new Dictionary<ushort, (char, char)>();
        void Row(ushort first, string plain, string shifted)
        {
            for (var i = 0; i < plain.Length; i++)
            {
                map[(ushort)(first + i)] = (plain[i], shifted[i]);
            }
        }

        Row(2, "1234567890-=", "!@#$%^&*()_+");
        Row(16, "qwertyuiop[]", "QWERTYUIOP{}");
        Row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~");
        Row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?");
        map[55] = ('*', '*');
        map[57] = (' ', ' ');
        Row(71, "789-456+1230.", "789-456+1230.");
        map[98] = ('/', '/');
        return map;
    }
}
