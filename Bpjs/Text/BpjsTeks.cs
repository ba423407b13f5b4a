using System.Globalization;

namespace Kiosk.Bpjs.Text;

/// <summary>
/// Everything the bridge says to a person, in Bahasa Indonesia: the technician's lines at start-up, the reasons an
/// officer reads on the loket page when BPJS refuses a ticket's report, and what BPJS shows the patient.
/// </summary>
public static class BpjsTeks
{
    // The rules and reasons of the options validator, put into the shared shapes of Kiosk.Contract.Text.SettingTeks.
    public const string SiteIdRule = "ID Puskesmas yang sama dengan Kiosk:Site:Id: 1-64 huruf, angka, '-' atau '_'";
    public const string ConsIdRule = "angka cons id dari BPJS Kesehatan";
    public const string ConsIdWhy = "cons id Antrean FKTP dari BPJS Kesehatan, mis. 12345";
    public const string SecretWhy = "secret key Antrean FKTP dari BPJS Kesehatan";
    public const string UserKeyWhy = "user key Antrean FKTP dari BPJS Kesehatan";
    public const string BaseUrlWhy = "alamat layanan Antrean FKTP, mis. https://apijkn.bpjs-kesehatan.go.id/antreanfktp/";
    public const string BaseUrlRule = "alamat http:// atau https:// lengkap";
    public const string PoliWhy = "minimal satu layanan yang dilaporkan, mis. Bpjs__PoliMap=P-UMUM=001,P-GIGI=002";
    public const string PoliMapRule = "daftar KODELAYANAN=KODEPOLI dipisah koma, mis. P-UMUM=001,P-GIGI=002";

    public static string PoliTwice(string service, string first, string second) =>
        $"layanan {service} dipetakan dua kali, ke poli {first} dan {second}; pakai satu saja";
    public const string ServiceCodeRule = "kode layanan kiosk: 1-32 huruf, angka, '-' atau '_'";
    public const string PoliCodeRule = "kode poli BPJS: 1-10 huruf atau angka, mis. 001";
    public const string OutboxPathWhy = "berkas antrean laporan BPJS, mis. /var/lib/kiosk/bpjs-outbox.db";
    public const string BrokerHostWhy = "alamat broker Puskesmas, mis. 127.0.0.1";
    public const string BrokerUserWhy = "pengguna broker bpjs";
    public const string PasswordFileWhy = "berkas kata sandi pengguna broker bpjs dari kiosk-setup --bpjs";

    public static string PasswordFileEmpty(string path) => $"berkas '{path}' kosong atau tidak bisa dibaca";

    /// <summary>Logged once before exit 78: the service stops instead of restarting with the same bad file.</summary>
    public const string ConfigurationRefused =
        "Konfigurasi jembatan BPJS tidak sah; perbaiki /etc/kiosk/bpjs.env (atau jalankan kiosk-setup --bpjs lagi), lalu mulai ulang kiosk-bpjs.";

    /// <summary>
    /// The technician's line (exit 78 at start, a critical log line later) for a service mapped to a poli code that BPJS's
    /// "referensi poli" does not list: every tambah of that service would be refused.
    /// </summary>
    public static string PoliNotListed(string service, string kodePoli) =>
        $"Bpjs:PoliMap: layanan {service} dipetakan ke poli BPJS {kodePoli}, tetapi referensi poli BPJS tidak memuat poli {kodePoli}; perbaiki Bpjs__PoliMap di /etc/kiosk/bpjs.env dengan kode poli dari BPJS, lalu mulai ulang kiosk-bpjs.";

    /// <summary>
    /// The reason sent with "batal antrean": the kiosk's cancel event carries no reason (the loket's cancel command has
    /// none), so every cancel says the same.
    /// </summary>
    public const string CancelledReason = "Antrean dibatalkan oleh petugas Puskesmas";

    /// <summary>The reason sent with "batal antrean" for a ticket still open when the kiosk closed the day.</summary>
    public const string ExpiredReason = "Pasien belum dilayani saat pelayanan hari itu ditutup";

    /// <summary>The <c>keterangan</c> of "tambah antrean", which Mobile JKN shows the patient.</summary>
    public const string Keterangan = "Nomor antrean dari kiosk Puskesmas. Mohon tunggu panggilan di ruang tunggu.";

    /// <summary>A permanent refusal made by the bridge itself: the kiosk has no card number for the ticket.</summary>
    public const string NoCard = "Nomor kartu JKN tiket ini tidak tersedia di kiosk; laporkan pasien ini langsung di aplikasi BPJS";

    /// <summary>The last error of a report waiting because the kiosk did not answer the card request in time.</summary>
    public const string KioskNoAnswer = "Kiosk belum menjawab permintaan nomor kartu; dicoba lagi";

    /// <summary>The last error of a report waiting because the call failed inside the bridge.</summary>
    public const string SendFailed = "Laporan gagal dikirim; dicoba lagi";

    /// <summary>"12 laporan BPJS menunggu koneksi sejak 08.14": the oldest waiting report's time at the site.</summary>
    public static string Backlog(int count, DateTimeOffset since) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} laporan BPJS menunggu koneksi sejak {since:HH.mm}");

    // --- status (issue 24, part 2): what the officer and the technician read of the bridge ---

    /// <summary>The reason shown for a refusal BPJS gave without a message.</summary>
    public const string RefusedWithoutReason = "BPJS tidak memberi alasan; laporkan pasien ini langsung di aplikasi BPJS";

    /// <summary>What the officer reads for a refused ticket on the loket page.</summary>
    public static string Refused(string ticketNumber, string reason) => $"{ticketNumber}: Laporan BPJS ditolak: {reason}";

    // --- The FKTP side of Antrean FKTP (Bpjs/Fktp): the technician's setting lines, then what BPJS (and through Mobile
    // JKN the patient) reads in metadata.message and keterangan.
    public const string FktpUrlRule = "alamat http://ALAMAT:PORT tanpa jalur, mis. http://0.0.0.0:8088 (beberapa dipisah ';')";
    public const string FktpUsernameWhy = "nama pengguna yang didaftarkan Puskesmas ke BPJS untuk antrean Mobile JKN";
    public const string FktpUsernameRule = "1-64 huruf, angka atau tanda baca tanpa spasi";
    public const string FktpPasswordWhy = "kata sandi yang didaftarkan Puskesmas ke BPJS untuk antrean Mobile JKN";

    public static string FktpPasswordRule(int minLength) =>
        string.Create(CultureInfo.InvariantCulture, $"harus {minLength}-128 huruf, angka atau tanda baca (isinya tidak ditampilkan)");

    public static string FktpPoliShared(string poli, IReadOnlyList<string> services) =>
        $"poli BPJS {poli} dipetakan ke lebih dari satu layanan ({string.Join(", ", services)}), jadi Mobile JKN tidak bisa memilih antreannya; petakan ke satu layanan saja di Bpjs__PoliMap";

    public const string FktpOk = "Ok";
    public const string FktpLoginRefused = "Nama pengguna atau kata sandi tidak sesuai";
    public const string FktpTokenRefused = "Token atau nama pengguna tidak sah, atau token sudah kedaluwarsa; minta token baru";

    public static string FktpBodyTooLarge(int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Isi permintaan terlalu besar (paling banyak {limit} byte)");

    public const string FktpNotJson = "Isi permintaan bukan JSON yang sah";
    public const string FktpNotObject = "Isi permintaan harus satu objek JSON";
    public const string FktpDuplicateMember = "Isi permintaan memuat kolom yang sama dua kali";

    public static string FktpRequired(string field) => $"{field} tidak boleh kosong";

    public static string FktpNotText(string field) => $"{field} harus berupa teks";

    public static string FktpTooLong(string field, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} terlalu panjang (paling banyak {max} karakter)");

    public const string FktpCardRule = "Nomor kartu harus 13 digit angka";
    public const string FktpNikRule = "NIK harus 16 digit angka";
    public const string FktpDateRule = "Format tanggal tidak sesuai, format yang benar adalah yyyy-mm-dd";
    public const string FktpJamPraktekRule = "Jam praktek harus berformat HH:mm-HH:mm";
    public const string FktpKodeDokterRule = "Kode dokter harus berupa angka";
    public const string FktpUnknownPoli = "Poli tidak ditemukan";
    public const string FktpUnknownAddress = "Alamat layanan tidak dikenal";
    public const string FktpWrongMethod = "Metode HTTP tidak sesuai untuk alamat ini";
    public const string FktpKioskAway = "Antrean sedang tidak dapat diambil, coba lagi beberapa saat lagi";
    public const string FktpStatusAway = "Status antrean sedang tidak dapat dilihat, coba lagi beberapa saat lagi";
    public const string FktpCancelAway = "Antrean sedang tidak dapat dibatalkan, coba lagi beberapa saat lagi";
    public const string FktpDateNotBookable = "Tanggal periksa tidak dapat dipesan: sudah lewat, pelayanan hari itu sudah ditutup, atau terlalu jauh ke depan";
    public const string FktpAlreadyBooked = "Nomor antrean hanya dapat diambil 1 kali pada tanggal dan poli yang sama";
    public const string FktpBookingNotFound = "Antrean tidak ditemukan";
    public const string FktpBookingFinished = "Pasien sudah dipanggil atau dilayani, antrean tidak dapat dibatalkan";

    /// <summary>The <c>alasan</c> passed to the kiosk when BPJS sent none.</summary>
    public const string FktpCancelledInMobileJkn = "Dibatalkan peserta melalui Mobile JKN";

    /// <summary>The <c>keterangan</c> of "ambil antrean" and "sisa antrean": Mobile JKN shows it to the patient.</summary>
    public static string FktpBookingKeterangan(string bookingCode) =>
        $"Kode booking {bookingCode}. Saat tiba, pindai kartu JKN atau kode booking ini di kiosk Puskesmas untuk mencetak nomor antrean, lalu tunggu panggilan.";

    /// <summary>The <c>keterangan</c> of "status antrean".</summary>
    public const string FktpQueueKeterangan =
        "Nomor dipanggil sesuai urutan. Peserta Mobile JKN memindai kartu JKN atau kode booking di kiosk saat tiba.";
}
