using System.Globalization;

namespace Kiosk.Contract.Text;

/// <summary>
/// What the officer at a loket reads when the kiosk refuses a command it cannot read (CommandReader), in Bahasa
/// Indonesia; the English detail of each refusal goes only to the kiosk's log.
/// </summary>
public static class CommandTeks
{
    public const string BrokenText = "Perintah berisi teks yang rusak (bukan UTF-8 yang sah).";
    public const string DuplicateMember = "Perintah tidak dapat dibaca: ada isian yang ditulis dua kali.";
    public const string NotJson = "Perintah tidak dapat dibaca: isinya bukan JSON yang sah.";
    public const string NotAnObject = "Perintah harus berupa objek JSON.";
    public const string Empty = "(kosong)";
    public const string BadShape = "Isi perintah tidak sesuai format.";
    public const string NullCommand = "Perintah kosong.";

    public static string VersionUnsupported(string current) => $"Versi kontrak perintah tidak didukung. Kiosk memakai versi {current}; perbarui aplikasi loket.";

    public static string CommandIdRequired(int maxLength) =>
        string.Create(CultureInfo.InvariantCulture, $"commandId wajib diisi (maksimal {maxLength} karakter) agar perintah tidak dijalankan dua kali.");

    public static string UnknownType(string shown, IEnumerable<string> known) => $"Jenis perintah {shown} tidak dikenal. Gunakan: {string.Join(", ", known)}.";

    public static string BadField(string field) => $"Isian '{field}' pada perintah tidak valid.";

    public static string FamilySize(int size) => string.Create(CultureInfo.InvariantCulture, $"Jumlah anggota keluarga {size} tidak valid (1-20).");
}
