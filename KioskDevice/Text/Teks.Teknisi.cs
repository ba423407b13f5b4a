using System.Globalization;

namespace Kiosk.Device.Text;

public static partial class Teks
{
    /// <summary>What the technician reads (print test, recap, doctor, the kiosk's start-up readiness).</summary>
    public static partial class Teknisi
    {
        /// <summary>Why a job failed (the transport's own message, often .NET or socket English, goes to the log).</summary>
        public static string PrintFailure(Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind kind) => kind switch
        {
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.Offline => "printer tidak dapat dihubungi atau sedang mati",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.PaperOut => "kertas printer habis",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.CoverOpen => "tutup printer terbuka",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.CutterError => "pemotong kertas macet",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.Timeout => "printer tidak menjawab pada waktunya",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.Disconnected => "sambungan ke printer terputus saat mencetak; tiket mungkin tidak lengkap",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.Io => "sistem menolak menulis ke printer (periksa hak akses user kiosk pada perangkat)",
            Kiosk.DeviceDrivers.Printing.Transports.PrintFailureKind.Rejected => "pekerjaan cetak kosong ditolak",
            _ => "sebab tidak diketahui",
        };

        public const string LayoutUnprintable = "tata letak tiket tidak dapat dicetak (periksa logo dan lebar kertas di konfigurasi)";

        public static string PrinterReadiness(string state) => $"Printer: {state}";

        public static string VoidedUnprinted(double minutes) => string.Create(CultureInfo.InvariantCulture, $"Tidak tercetak lebih dari {minutes:0} menit");

        // The rules and reasons of the options validator, put into the shared shapes of Kiosk.Contract.Text.SettingTeks.
        public const string SiteIdRule = "1-32 huruf, angka, '-' atau '_' (menjadi bagian topik MQTT)";
        public const string SiteNameWhy = "dicetak di setiap tiket";
        public const string DataDirectoryExample = "mis. /var/lib/kiosk";
        public const string NoButtons = "perlu minimal satu tombol (atau pembaca kartu); tanpa itu pasien tidak dapat mengambil tiket";
        public const string UniqueIdRule = "diisi dan tidak kembar dengan tombol lain";
        public const string ServiceCodeRule = "kode layanan dari daftar Queue:Services";
        public const string CategoryRule = "Baru, Lama atau kosong (tidak ditanya: tiket mencantumkan persyaratan keduanya)";
        public const string PayerRule = "Umum, Bpjs atau kosong (tidak ditanya)";
        public const string GpioLineWhy = "jalur GPIO tombol, nomor (17) atau nama (GPIO17)";

        public static string GpioLineTwice(string line) => $"jalur GPIO {line} dipakai dua tombol";

        public const string DayCloseTimeRule = "jam setempat seperti 16:00 (atau kosong untuk tengah malam)";
        public const string BrokerHostWhy = "alamat broker, mis. 127.0.0.1";
        public const string BrokerUserWhy = "broker menolak klien tanpa nama";
        public const string KioskIdRule = "1-64 huruf, angka, '-' atau '_'";

        public static string PrinterSettingWhy(string transport, string example) => $"untuk transport {transport}, mis. {example}";
        public const string PaperWidthRule = "58 atau 80 (mm)";

        public static string ReaderDeviceWhy(string kind) => $"untuk pembaca {kind}: jalur /dev/input/by-id/... atau /dev/serial/by-id/...";

        public const string ReaderServicesMissing = "dan Reader:ReturningService harus menyebut layanan tujuan kartu yang dipindai";

        public static string PatientPageUrlTooLong(int max) => string.Create(CultureInfo.InvariantCulture, $"paling panjang {max} karakter (QR harus muat di kertas 58 mm)");

        public static string ButtonLongPress(string label) => $"Tombol {label} ditekan lama (tindakan teknisi)";

        public static string ButtonStuck(string label) => $"Tombol {label} macet: tertekan terus, periksa tombolnya";

        public const string Stopping = "Kiosk berhenti: menyelesaikan pengiriman antrean";
        public const string OutboxReady = "Pengirim antrean siap";

        public static string TestPagePaper(string paper, int columns, string codePage) =>
            string.Create(CultureInfo.InvariantCulture, $"Kertas {paper}, {columns} kolom, kode halaman {codePage}");

        // The cross-check of the kiosk's and the engine's settings (KioskQueueConsistencyValidator).
        public static string ButtonServiceRule(string known) =>
            $"layanan di Queue:Services ({known}); poli dicapai lewat penerusan dari loket, bukan tombol kiosk";

        public static string ReaderServiceRule(string known) => $"layanan di Queue:Services ({known})";

        public const string MedicalRecordPatternInvalid = "bukan pola (regex) yang sah, atau cocok dengan teks kosong; contoh: ^RM[-/.]?(?<number>\\d{6,10})$";
        public const string JknPatternInvalid = "bukan pola (regex) yang sah, atau cocok dengan teks kosong; lihat README, bagian Mobile JKN";
        public const string CounterIdRule = "nomor loket 1, 2, 3... (menjadi user broker counter-N dan topik queue/<situs>/counter/N/...)";

        public static string CodePageName(int number, string name) => string.Create(CultureInfo.InvariantCulture, $"{number} ({name})");

        public static string LogoTooWide(int width, string paper, int maxWidth) =>
            string.Create(CultureInfo.InvariantCulture, $"logo selebar {width} titik; kertas {paper} paling lebar {maxWidth}");

        public const string PatientPageUrlNotHttp = "alamat http:// atau https:// halaman pasien di host layar, mis. http://192.168.1.10:8080/tiket/";
        public const string PatientPageUrlEnding = "berakhir dengan '/' tanpa '?', '#' atau spasi (token tiket ditulis langsung di belakangnya)";
    }
}
