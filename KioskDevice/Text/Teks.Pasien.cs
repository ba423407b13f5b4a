using System.Globalization;
using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.Device.Text;

public static partial class Teks
{
    /// <summary>What the patient at the kiosk reads or hears: the buttons' answers and the printer as it stands.</summary>
    public static class Pasien
    {
        /// <summary>The printer's state as the patient and the officer are told it.</summary>
        public static string PrinterState(PrinterCondition condition) => condition switch
        {
            PrinterCondition.Ok => "Printer siap",
            PrinterCondition.PaperNearEnd => "Kertas printer hampir habis",
            PrinterCondition.PaperOut => "Kertas printer habis, mohon hubungi petugas",
            PrinterCondition.CoverOpen => "Tutup printer terbuka, mohon hubungi petugas",
            PrinterCondition.CutterError => "Pemotong kertas printer macet, mohon hubungi petugas",
            PrinterCondition.Offline => "Printer tidak terhubung, mohon hubungi petugas",
            _ => "Status printer belum diketahui",
        };

        public static string NewcomersBring(IEnumerable<string> documents) => $"Pasien baru: {string.Join(", ", documents)}";

        public static string ReturningBring(IEnumerable<string> documents) => $"Pasien lama: {string.Join(", ", documents)}";

        public const string PrinterTroubled = "Printer tiket sedang bermasalah, mohon hubungi petugas";

        public static string YourNumber(string number) => $"Nomor antrean Anda {number}";

        public static string TicketNotPrinted(string number) => $"Tiket {number} gagal dicetak. Mohon hubungi petugas.";

        public static string TicketNotPrinted(string number, string cause) =>
            $"Tiket {number} gagal dicetak: {cause}. Tiket akan dicetak ulang saat printer pulih; mohon hubungi petugas.";
    }

    /// <summary>What the officer at a loket reads about the kiosk (the status topic's sentence, command replies).</summary>
    public static class Petugas
    {
        /// <summary>The status sentence after a failed job: the cause in Bahasa Indonesia, never the transport's detail.</summary>
        public static string PrinterFailed(string cause) => $"Printer bermasalah: {cause}; mohon periksa printer";

        public const string KioskOffline = "Kiosk tidak terhubung";
    }

    /// <summary>What the technician reads (print test, recap, doctor, the kiosk's start-up readiness).</summary>
    public static class Teknisi
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
    }
}
