namespace Kiosk.Screens.Text;

/// <summary>Every sentence this host says to an officer or a technician, in one place, in Bahasa Indonesia.</summary>
public static class Teks
{
    public const string LoginRefused = "Nomor loket atau kata sandi salah.";
    public const string LoginUnreachable = "Server antrean (broker) tidak dapat dihubungi. Periksa jaringan lalu coba lagi.";
    public const string LoginBadCounter = "Nomor loket harus angka 1 sampai 99.";
    public const string LoginNoPassword = "Kata sandi wajib diisi.";
    public const string NotLoggedIn = "Sesi loket berakhir atau belum masuk. Silakan masuk lagi.";
    public const string Unreadable = "Permintaan tidak dapat dibaca. Muat ulang halaman lalu coba lagi.";
    public const string TooLarge = "Permintaan terlalu besar dan ditolak.";
    public const string NoCommandId = "ID perintah wajib diisi (1-100 karakter, huruf, angka atau tanda hubung).";
    public const string NeedTicket = "Sebutkan nomor antrean, misalnya A-012.";
    public const string NoReply = "Belum ada jawaban dari kiosk. Perintah diulang otomatis; jangan tekan dua kali.";
    public const string BadChoice = "Pilihan kategori, penjamin atau prioritas tidak dikenal.";
    public const string NeedService = "Pilih layanan untuk pendaftaran darurat.";
    public const string OtherOrigin = "Permintaan dari halaman lain ditolak. Buka halaman loket dari alamat server ini.";
    public const string NeedJson = "Permintaan harus berformat JSON (application/json). Muat ulang halaman lalu coba lagi.";
    public const string NeedHttps = "Halaman loket hanya melalui https. Buka alamat https server ini.";
    public const string NotFound = "Alamat tidak dikenal.";
    public const string MethodNotAllowed = "Cara permintaan tidak diizinkan untuk alamat ini.";
    public const string ServerError = "Terjadi kesalahan di server layar. Coba lagi; bila berulang, hubungi teknisi.";
    public const string LoggedOut = "Anda sudah keluar.";
    public const string BadAnnouncementKey = "Alamat suara panggilan tidak sah.";

    public static string ClipMissing(string clip) => $"Rekaman '{clip}' tidak ada.";

    public static string ClipUnreadable(string clip) => $"Rekaman '{clip}' tidak dapat dibaca (bukan WAV yang didukung). Teknisi: lihat log layar.";

    public static string TooManyAttempts(int seconds) => $"Terlalu banyak percobaan, coba lagi dalam {seconds} detik.";

    public static string Refused(int status) => $"Permintaan ditolak (kode {status}).";

    public static string ForgedCounter(int mine, int asked) =>
        $"Halaman ini masuk sebagai loket {mine}; perintah untuk loket {asked} ditolak.";

    public static string UnknownType(string? type) => $"Perintah '{type}' tidak dikenal.";

    public static string UnknownPoli(string? poli) => $"Poli '{poli}' tidak dikenal. Pilih poli dari daftar.";

    public static string UnknownService(string? service) => $"Layanan '{service}' tidak dikenal. Pilih layanan dari daftar.";

    public static string BadFamilySize(int size) => $"Jumlah anggota keluarga {size} tidak valid (1-20).";
}
