namespace Kiosk.Device.Text;

public static partial class Teks
{
    public static partial class Teknisi
    {
        // The doctor's checks (Tools/Doctor): the check's name, what was found, and the fix.
        public const string DevicesSeen = "Perangkat yang terlihat di mesin ini:";
        public const string CheckConfiguration = "Konfigurasi";
        public static string ConfigurationValid(string site, string name, int buttons) => F($"Valid: situs {site} ({name}), {buttons} tombol");
        public const string MarkPass = "OK   ";
        public const string MarkWarn = "AWAS ";
        public const string MarkFail = "GAGAL";
        public const string AllChecksPassed = "Semua pemeriksaan lulus.";
        public static string ChecksFailed(int failed) => F($"{failed} pemeriksaan gagal.");
        public const string CheckDatabase = "Basis data";
        public static string DatabaseNotYet(string path) => $"{path} belum ada";
        public const string DatabaseNotYetFix = "Wajar sebelum kiosk pertama kali dijalankan: 'systemctl start kiosk' membuatnya. Bila kiosk sudah pernah berjalan, periksa Kiosk:DataDirectory.";
        public const string NoBusinessDayYet = "belum ada";
        public static string DatabaseSound(string path, long tickets, string day) => F($"{path}: utuh, {tickets} tiket, hari layanan terakhir {day}");
        public static string DatabaseDamaged(string path, IEnumerable<string> problems) => $"{path}: rusak ({string.Join("; ", problems)})";
        public const string DatabaseDamagedFix = "Hentikan kiosk (systemctl stop kiosk), pulihkan berkas dari cadangan terakhir atau pindahkan agar log baru dibuat.";
        public static string DatabaseNotSqlite(string path) => $"{path}: tidak dapat dibaca sebagai basis data SQLite";
        public const string DatabaseNotSqliteFix = "Periksa hak akses user kiosk pada berkas itu; bila rusak, pulihkan dari cadangan.";
        public static string DatabaseForbidden(string path) => $"{path}: tidak boleh dibaca";
        public const string DatabaseForbiddenFix = "Jalankan doctor sebagai root atau user kiosk (sudo -u kiosk ...).";
        public const string CheckPrinter = "Printer";
        public static string PrinterOneWay(string name) => $"{name}: satu arah, status tidak dapat dibaca";
        public const string PrinterOneWayFix = "Jalankan 'print-test' dan lihat kertasnya; kegagalan cetak tetap terdeteksi.";
        public static string PrinterIs(string name, string state) => $"{name}: {state}";
        public const string PrinterFix = "Periksa kabel, kertas dan tutup printer.";
        public static string PrinterSilent(string name) => $"{name}: tidak menjawab dalam 5 detik";
        public const string PrinterSilentFix = "Periksa kabel/jaringan printer dan Kiosk:Printer:Transport di konfigurasi.";
        public const string GpioSimulated = "Perangkat tersimulasi (Hardware:Kind = simulated)";
        public static string ButtonNamed(string id) => $"tombol {id}";
        public static string LampNamed(string id) => $"lampu {id}";
        public const string ProblemLamp = "lampu masalah";
        public const string NoGpioAtAll = "mesin ini tidak punya chip GPIO sama sekali (bukan Raspberry Pi, atau /dev/gpiochip* tidak boleh dibaca)";
        public static string ChipsPresent(IEnumerable<string> chips) => $"chip yang ada: {string.Join(", ", chips)}";
        public static string ChipNotFound(string chip, string found) => $"chip {chip} tidak ditemukan; {found}";
        public const string ChipNotFoundFix = "Pi 3/4 memakai gpiochip0, Pi 5 gpiochip4; perbaiki Chip di konfigurasi (di komputer biasa pakai Kiosk:Hardware:Kind=simulated).";
        public static string LineMissing(string line, string chip) => $"jalur {line} tidak ada di {chip}";
        public const string LineMissingFix = "Periksa nomor/nama jalur GPIO di konfigurasi.";
        public static string LineInUse(string chip, string line, string consumer) => $"{chip}:{line} dipakai oleh '{consumer}'";
        public const string LineInUseFix = "Bila itu bukan kiosk ini, hentikan program lain yang memakai jalur tersebut.";
        public static string LineFree(string chip, string line) => $"{chip}:{line} tersedia";
        public const string NoneSeen = "tidak ada";
        public const string CheckReader = "Pembaca kartu";
        public static string ReaderUnused(string seen) => $"Tidak dipakai. Terlihat: {seen}";
        public const string ReaderSimulated = "Tersimulasi";
        public static string ReaderPresent(string kind, string device) => $"{kind} {device} ada";
        public static string ReaderMissing(string device, string seen, IEnumerable<string> serialPorts) => $"{device} tidak ada. Terlihat: {seen}; port serial: {string.Join(", ", serialPorts)}";
        public const string ReaderMissingFix = "Colokkan pembaca, lalu pakai jalur /dev/input/by-id/... atau /dev/serial/by-id/... di Reader:Device.";
        public static string BrokerAs(string host, int port, string user) => F($"{host}:{port} sebagai {user}");
        public const string BrokerSilent = "tidak ada jawaban dalam 8 detik";
        public const string CheckBroker = "Broker MQTT";
        public static string BrokerIs(string where, string state) => $"{where}: {state}";
        public const string BrokerReadable = "terhubung, boleh membaca perintah loket";
        public static string SubscriptionRefused(string topic) => $"langganan {topic} ditolak";
        public static string AclFix(string site) => $"Perbarui ACL: Kiosk.Broker acl --site {site} > /etc/mosquitto/kiosk.acl";
        public const string BrokerLoginRefused = "broker menolak login kiosk (user atau password salah)";
        public const string BrokerRefused = "broker menolak sambungan";
        public const string BrokerNotListening = "tidak ada broker yang mendengarkan di alamat itu (koneksi ditolak)";
        public const string BrokerHostUnknown = "nama host broker tidak dikenal";
        public const string BrokerTlsFailed = "jabat tangan TLS gagal (periksa CaCertificateFile dan ServerName)";
        public const string BrokerDropped = "sambungan terputus";
        public const string BrokerFailed = "sambungan gagal";
        public const string CheckClock = "Jam dan zona waktu";
        public static string ClockUnset(DateTimeOffset now, string zone) => F($"Jam menunjukkan {now:yyyy-MM-dd HH:mm} {zone}: belum disetel");
        public const string ClockUnsetFix = "Pi tanpa RTC: sambungkan ke jaringan agar NTP menyetel jam (timedatectl), atau pasang modul RTC.";
        public static string ClockIs(DateTimeOffset now, string zone, string timeZone) => F($"{now:yyyy-MM-dd HH:mm} {zone} ({timeZone})");
        public static string ZoneNotIndonesian(string timeZone, string zone) => $"{timeZone} bukan WIB/WITA/WIT ({zone})";
        public const string ZoneFix = "Pakai Asia/Jakarta, Asia/Makassar atau Asia/Jayapura.";
        public const string CheckDisk = "Ruang disk";
        public static string DiskFree(string folder, long freeMb) => F($"{folder}: sisa {freeMb} MB");
        public const string DiskFullFix = "Kosongkan kartu SD (hapus arsip lama, journalctl --vacuum-size=50M) atau kurangi Queue:RetentionDays.";
        public const string DiskLowFix = "Segera kosongkan ruang di kartu SD.";
        // install.sh keeps the readable role passwords in /etc/kiosk/broker-passwords; /etc/mosquitto/kiosk.passwd holds only their hashes.
        public const string BrokerPasswordsHint =
            "Periksa 'systemctl status mosquitto', Kiosk:Mqtt:Host/Port, dan Kiosk:Mqtt:Password: harus sama dengan baris 'kiosk' di /etc/kiosk/broker-passwords.";
    }
}
