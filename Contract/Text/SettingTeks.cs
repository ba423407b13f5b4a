using System.Globalization;

namespace Kiosk.Contract.Text;

/// <summary>
/// The sentence shapes every validator uses for a bad setting, so the kiosk, the engine and the screens host word the
/// same failure the same way (the technician reads them at start-up, in Bahasa Indonesia). One line per problem:
/// <c>{key}: {reason}</c>, where the reason says what the key must be and what was written, e.g.
/// "Kiosk:Mqtt:Port: harus 1..65535, tertulis 0".
/// </summary>
public static class SettingTeks
{
    /// <summary>One problem line: the key first, so the technician finds it in the file.</summary>
    public static string Line(string key, string reason) => $"{key}: {reason}";

    /// <summary>"harus {rule}, tertulis '{written}'": a text value, quoted so an empty one shows.</summary>
    public static string MustBe(string rule, string? written) => $"harus {rule}, tertulis '{written}'";

    /// <summary>"harus {rule}, tertulis {written}": a number.</summary>
    public static string MustBe(string rule, double written) => F($"harus {rule}, tertulis {written}");

    /// <summary>"harus {min}..{max} {unit}, tertulis {written}".</summary>
    public static string InRange(double min, double max, double written, string? unit = null) =>
        MustBe(unit is null ? F($"{min}..{max}") : F($"{min}..{max} {unit}"), written);

    public static string OneOf(IEnumerable<string> names, string? written) => MustBe($"salah satu dari {string.Join(", ", names)}", written);

    /// <summary>"wajib diisi ({why})": the why says what the key is for or gives an example.</summary>
    public static string Required(string? why = null) => why is null ? "wajib diisi" : $"wajib diisi ({why})";

    public static string FileMissing(string path) => $"berkas '{path}' tidak ada";

    public static string FolderMissing(string path) => $"folder berkas '{path}' tidak ada";

    public static string UnknownTimeZone(string? written) =>
        $"'{written}' bukan zona waktu yang dikenal; pakai Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)";

    public static string TimeZoneRequired => Required("Asia/Jakarta untuk WIB, Asia/Makassar untuk WITA atau Asia/Jayapura untuk WIT");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
