namespace Kiosk.Screens.Text;

/// <summary>Every sentence this host says to an officer or a technician, in one place, in Bahasa Indonesia.</summary>
public static partial class Teks
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

    /// <summary>On a ticket BPJS refused: the reason comes from the bridge (BPJS's words or the bridge's own).</summary>
    public static string BpjsRefused(string reason) => $"Laporan BPJS ditolak: {reason}";

    /// <summary>A refused ticket that is not on the page (served already, or another service).</summary>
    public static string BpjsRefusedOther(string number, string reason) => $"{number}: Laporan BPJS ditolak: {reason}";

    /// <summary>
    /// Where the backlog line goes while the BPJS bridge is not running: what it means for the officer and what to do.
    /// <paramref name="since"/> is when this host saw the bridge stop, in the site's zone; null when it was already
    /// stopped before this host looked (the broker's last will cannot carry the moment of death).
    /// </summary>
    public static string BpjsBridgeOffline(DateTimeOffset? since) => since is { } at
        ? $"Jembatan BPJS tidak berjalan sejak {at.ToString("HH'.'mm", System.Globalization.CultureInfo.InvariantCulture)}: {BpjsBridgeOfflineMeaning}"
        : $"Jembatan BPJS tidak berjalan: {BpjsBridgeOfflineMeaning}";

    private const string BpjsBridgeOfflineMeaning = "laporan antrean BPJS tertunda dan belum sampai ke BPJS. Hubungi teknisi.";

    public static string ClipMissing(string clip) => $"Rekaman '{clip}' tidak ada.";

    public static string ClipUnreadable(string clip) => $"Rekaman '{clip}' tidak dapat dibaca (bukan WAV yang didukung). Teknisi: lihat log layar.";

    // The kiosk's state as the lokets and the waiting room are told (KioskNotice).
    private const string GiveManualNumber = "pasien diarahkan ke loket: beri nomor manual dengan tombol Nomor manual.";
    public const string KioskNeverSeen = "Belum ada kabar dari kiosk antrean — nyalakan kiosk dan periksa jaringannya; " + GiveManualNumber;
    public const string KioskOffline = "Kiosk antrean mati atau terputus dari jaringan — periksa daya dan kabel jaringan kiosk; " + GiveManualNumber;
    public const string PrinterPaperLow = "Kertas printer kiosk hampir habis — siapkan gulungan baru.";
    public const string PrinterPaperOut = "Kertas printer kiosk habis — ganti gulungan; " + GiveManualNumber;
    public const string PrinterCoverOpen = "Tutup printer kiosk terbuka — tutup sampai terkunci; " + GiveManualNumber;
    public const string PrinterCutterError = "Pemotong kertas printer kiosk macet — buka tutup printer dan keluarkan kertas yang tersangkut; " + GiveManualNumber;
    public const string PrinterOffline = "Printer kiosk tidak terhubung — periksa kabel dan daya printer; " + GiveManualNumber;
    public const string PatientGoToLoket = "Mesin antrean sedang bermasalah, silakan langsung ke loket pendaftaran.";

    // A command the kiosk has not answered yet: the page says so at once and the host keeps sending it.
    public const string StillSending = "Kiosk belum menjawab. Perintah terus dikirim ulang; hasilnya muncul di sini. Tombol lain tetap bisa dipakai.";
    public const string NoReplyGaveUp = "Kiosk tidak menjawab selama 2 menit; perintah tidak dijalankan. Periksa kiosk, lalu tekan lagi bila masih perlu.";
    public const string NeedManualService = "Pilih layanan untuk nomor manual.";

    public static string KioskSilent(DateTimeOffset lastHeard) =>
        $"Kiosk antrean tidak mengirim kabar sejak pukul {lastHeard:HH:mm} — periksa daya dan jaringan kiosk; " + GiveManualNumber;

    public static string Unprinted(int count) => $"{count} tiket belum tercetak dan dicetak ulang setelah printer pulih.";

    public static string TooManyAttempts(int seconds) => $"Terlalu banyak percobaan, coba lagi dalam {seconds} detik.";

    public static string Refused(int status) => $"Permintaan ditolak (kode {status}).";

    public static string ForgedCounter(int mine, int asked) =>
        $"Halaman ini masuk sebagai loket {mine}; perintah untuk loket {asked} ditolak.";

    public static string UnknownType(string? type) => $"Perintah '{type}' tidak dikenal.";

    public static string UnknownPoli(string? poli) => $"Poli '{poli}' tidak dikenal. Pilih poli dari daftar.";

    public static string UnknownService(string? service) => $"Layanan '{service}' tidak dikenal. Pilih layanan dari daftar.";

    public static string BadFamilySize(int size) => $"Jumlah anggota keluarga {size} tidak valid (1-20).";
}
