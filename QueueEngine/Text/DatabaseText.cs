using System.Globalization;

namespace Kiosk.Queue.Text;

/// <summary>
/// What a technician reads when the ticket log cannot be used (<see cref="Storage.QueueDatabaseException"/>), in Bahasa
/// Indonesia, in one place next to the officer's refusals in <see cref="Results.QueueError"/>. Never SQLite's own
/// English: its error code is named in words, with the number to search for.
/// </summary>
internal static class DatabaseText
{
    public static string CannotOpen(string path, int sqliteCode) => F(
        $"Log tiket {path} tidak dapat dibuka ({Sqlite(sqliteCode)}). Kiosk tidak dijalankan: {Restore(path)}, atau pindahkan berkas itu agar kiosk mulai dengan log kosong.");

    public static string NoWal(string path, string? mode) =>
        $"Log tiket {path} menolak mode WAL (tertulis '{mode}'); simpan folder data di disk lokal, bukan folder jaringan.";

    public static string Corrupt(string path, int problems) => F(
        $"Log tiket {path} rusak (pemeriksaan quick_check menemukan {problems} masalah). Kiosk tidak dijalankan: {Restore(path)} (simpan berkas yang rusak untuk diperiksa).");

    public static string NewerSchema(string path, int version, int known) => F(
        $"Log tiket {path} memakai skema versi {version}, lebih baru dari yang dikenal program ini ({known}). Kiosk tidak dijalankan: pasang lagi versi kiosk yang lebih baru, atau {Restore(path)} yang cocok.");

    public static string WriteFailed(string path, int sqliteCode) =>
        $"Menulis ke log tiket {path} gagal ({Sqlite(sqliteCode)}); tidak ada bagian operasi ini yang tersimpan.";

    /// <summary>SQLite's primary result codes a technician can act on; the number stays for searching.</summary>
    private static string Sqlite(int code) => (code & 0xFF) switch
    {
        5 or 6 => F($"dikunci proses lain, kode SQLite {code}"),
        8 => F($"disk atau berkas hanya-baca, kode SQLite {code}"),
        10 => F($"kesalahan baca/tulis disk, kode SQLite {code}"),
        11 => F($"berkas rusak, kode SQLite {code}"),
        13 => F($"disk penuh, kode SQLite {code}"),
        14 => F($"berkas atau foldernya tidak dapat dibuka (izin?), kode SQLite {code}"),
        26 => F($"bukan basis data SQLite, kode SQLite {code}"),
        _ => F($"kode SQLite {code}"),
    };

    private static string Restore(string path) => $"pulihkan {path} dari cadangan terakhir";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
