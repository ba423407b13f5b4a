using System.Globalization;
using Kiosk.Contract.Text;

namespace Kiosk.Device.Text;

/// <summary>
/// The words a technician reads from the kiosk's commands (configuration errors, command help, print-test, recap),
/// in Bahasa Indonesia, in one place. Logs stay English; configuration keys stay as they are (they are code).
/// </summary>
public static partial class Teks
{
    // A loket reads this in the reply to a command the kiosk failed on (errorCode kiosk-fault).
    public const string PerintahGagalDiKiosk =
        "Kiosk gagal menjalankan perintah ini; tidak ada yang berubah. Ulangi perintahnya; bila terus gagal, hubungi teknisi (periksa ruang disk kiosk).";

    // Configuration errors: one line each, key or file first, then what to do.
    public static string ConfigurationInvalid(string problem) => $"Konfigurasi tidak valid, kiosk tidak dijalankan: {problem}";

    public static string ConfigFileMissing(string path) =>
        $"{path}: berkas konfigurasi tidak ada; periksa jalur --config (contoh: /etc/kiosk/appsettings.json)";

    public static string ConfigFileNotJson(string path, long? line, long? column) => line is { } l
        ? F($"{path}: bukan JSON yang sah (baris {l}, kolom {column ?? 0}); periksa koma, tanda kutip dan kurung di sekitar baris itu")
        : $"{path}: bukan JSON yang sah; periksa koma, tanda kutip dan kurung";

    public static string InFile(string path) => $"(di {path})";

    public static string WrongType(string? value, string expected) => value is null
        ? $"nilainya tidak dapat dibaca; tulis {expected}"
        : $"'{value}' tidak dapat dibaca; tulis {expected}";

    public const string TypeWholeNumber = "bilangan bulat, mis. 1883";
    public const string TypeNumber = "angka, mis. 1.5";
    public const string TypeBoolean = "true atau false";
    public const string TypeDuration = "durasi jj:mm:dd, mis. 00:05:00";
    public const string TypeCharacter = "satu huruf";
    public const string TypeOther = "nilai seperti pada contoh KioskDevice/appsettings.json";

    public static string TypeOneOf(string names) => $"salah satu dari {names}";

    public const string LogoUnreadable = "logo bukan gambar PBM atau BMP 1-bit; simpan ulang sebagai BMP hitam-putih";

    public static string DatabaseUnusable(string detail) => $"Basis data antrean tidak dapat dibuka: {detail}";

    // Command help.
    public const string RootHelp = "Kiosk antrean Puskesmas: tiket, cetak, dan antrean loket";
    public const string ConfigHelp = "Berkas konfigurasi JSON tambahan, mis. /etc/kiosk/appsettings.json";
    public const string RunHelp = "Menjalankan kiosk (yang dijalankan systemd). Argumen --Bagian:Kunci=nilai menimpa konfigurasi, untuk semua perintah.";
    public const string DoctorHelp = "Memeriksa konfigurasi, basis data, printer, GPIO, pembaca kartu, broker, jam dan disk tanpa mengubah apa pun; menyebut perbaikannya.";
    public const string PrintTestHelp = "Mencetak halaman uji (tanpa memakai nomor) dan melaporkan status printer.";
    public const string RecapHelp = "Menulis rekap harian suatu hari (CSV dan HTML) di folder data dan menampilkannya.";
    public const string RecapPrintHelp = "Cetak juga rekap di printer tiket (untuk Puskesmas tanpa printer kantor).";
    public const string DateHelp = "Hari layanan, yyyy-MM-dd";
    public const string ExportHelp = "Mengekspor tiket dalam rentang tanggal sebagai CSV (nomor kartu disamarkan).";
    public const string FromHelp = "Hari layanan pertama, yyyy-MM-dd";
    public const string ToHelp = "Hari layanan terakhir, yyyy-MM-dd";
    public const string OutputHelp = "Berkas CSV tujuan (bawaan: keluaran standar)";

    // System.CommandLine's own words (help chrome and parse errors), see Tools/CommandLineText.
    public const string HelpOptionHelp = "Menampilkan bantuan dan cara pakai";
    public const string VersionOptionHelp = "Menampilkan versi program";
    public const string UsageTitle = "Cara pakai:";
    public const string OptionsTitle = "Pilihan:";
    public const string CommandsTitle = "Perintah:";
    public const string UsageCommandWord = "[perintah]";
    public const string UsageOptionsWord = "[pilihan]";
    public const string UsageSettingsWord = "[--Bagian:Kunci=nilai ...]";
    public const string ValueWord = "nilai";
    public const string RequiredMark = "(wajib)";
    public const string CommandMissing = "Perintah belum ditulis.";
    public const string CommandLineUnreadable = "Baris perintah tidak dapat dibaca.";

    public static string SeeHelp(string program) => $"Lihat '{program} --help' untuk perintah dan pilihan yang ada.";

    public static string UnknownCommandOrArgument(string token) => $"Perintah atau argumen tidak dikenal: '{token}'.";

    public static string OptionRequired(string option) => $"Pilihan {option} wajib ditulis.";

    public static string OptionNeedsValue(string option) => $"Pilihan {option} perlu nilai.";

    public static string CommandNeedsValue(string command) => $"Perintah {command} perlu argumen.";

    public static string OptionValueUnreadable(string value, string option) => $"Nilai '{value}' untuk {option} tidak dapat dibaca.";

    public static string OptionTakesOneValue(string option) => $"Pilihan {option} hanya menerima satu nilai.";

    public static string UnreadableToken(string token) => $"Tidak dapat dibaca: '{token}'.";

    // Arguments.
    public static string NotADate(string option, string text) => $"{option} '{text}' bukan tanggal; tulis yyyy-MM-dd, mis. 2026-11-23.";

    public const string ExportDatesInvalid = "--from dan --to harus tanggal berbentuk yyyy-MM-dd, mis. 2026-11-01.";

    public static string ExportRangeReversed(DateOnly from, DateOnly to) => F($"--to {to:yyyy-MM-dd} lebih awal dari --from {from:yyyy-MM-dd}.");

    public static string Exported(int count, string path) => F($"{count} tiket ditulis ke {path}");

    // Recap.
    public static string Written(string path) => $"Ditulis: {path}";

    public static string RecapNoData(DateOnly day, string dayText) =>
        F($"Tidak ada data untuk {dayText} ({day:yyyy-MM-dd}): tidak ada tiket pada hari itu. Tidak ada berkas rekap yang ditulis.");

    public static string RecapPrinted(string printer) => $"Rekap dicetak di {printer}.";

    public static string RecapPrintFailed(string printer, string sentence) => $"GAGAL mencetak rekap di {printer}: {sentence}.";

    // Print test.
    public static string PrintTestPrinted(string printer, int bytes, string sentence) => F($"Tercetak di {printer} ({bytes} byte). {sentence}.");

    public static string PrintTestFailed(string printer, string sentence) =>
        $"GAGAL mencetak di {printer}: {sentence}. Periksa kabel/jaringan dan daya printer, lalu Kiosk:Printer di konfigurasi.";

    public static string PreviewSaved(string path) => $"Pratinjau disimpan: {path}";

    /// <summary>The printer as a technician names it: "printer USB /dev/usb/lp0", "printer jaringan 192.168.1.50:9100".</summary>
    public static string PrinterName(Configuration.PrinterOptions printer)
    {
        ArgumentNullException.ThrowIfNull(printer);
        return Printing.PrinterTransports.Find(printer.Transport)?.Describe(printer)
            ?? F($"printer dengan Kiosk:Printer:Transport '{printer.Transport}' yang tidak dikenal");
    }

    // The printer transports' names for people (Devices/Printing/PrinterTransports).
    public static string UsbPrinterName(Configuration.PrinterOptions printer) => F($"printer USB {printer.Device} ({printer.PaperWidthMm} mm)");

    public static string NetworkPrinterName(Configuration.PrinterOptions printer) => F($"printer jaringan {printer.Host}:{printer.Port} ({printer.PaperWidthMm} mm)");

    public static string SerialPrinterName(Configuration.PrinterOptions printer) => F($"printer serial {printer.Device} ({printer.PaperWidthMm} mm)");

    public static string SimulatedPrinterName(Configuration.PrinterOptions printer) => F($"printer tersimulasi ({printer.PaperWidthMm} mm)");

    /// <summary>An unknown Kiosk:Printer:Transport, for the validator and the device registration alike (the validator's shape for every kind).</summary>
    public static string UnknownPrinterTransport(string value, string known) => SettingTeks.MustBe($"salah satu dari {known}", value);

    // The patient at the buttons.
    public static string DoublePress(string button) =>
        $"Tombol {button} baru saja ditekan: satu tekanan untuk satu tiket, tiket Anda sedang dicetak. Pasien lain: tekan sekali lagi sebentar lagi.";

    public static string PressQueued(string button, int ahead) =>
        F($"Tombol {button} diterima. Tiket Anda dicetak sesudah {ahead} tiket di depan; mohon tunggu di depan kiosk.");

    public static string PrinterBusy(int ahead) =>
        F($"Kiosk sedang mencetak {ahead} tiket; tekanan ini belum diterima. Mohon tekan lagi setelah tiket keluar.");

    public const string IssueFailed = "Tiket tidak dapat dibuat karena gangguan di kiosk. Mohon tekan lagi atau hubungi petugas.";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
