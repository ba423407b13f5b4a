using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.Device.Text;

public static partial class Teks
{
    /// <summary>What the patient at the kiosk reads or hears: the buttons' answers and the printer as it stands.</summary>
    public static partial class Pasien
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

        public const string SameCardAgain = "Kartu ini baru saja dipindai; tiket Anda sudah dicetak.";

        public static string BookingPast(string day) =>
            $"Kode booking Mobile JKN ini untuk {day}, sudah lewat. Silakan ambil nomor dengan tombol layanan atau tanyakan ke petugas loket.";

        public static string BookingLater(string day) =>
            $"Kode booking Mobile JKN ini untuk {day}, bukan hari ini. Silakan datang pada tanggal itu, atau ambil nomor dengan tombol layanan.";

        public const string PrinterTroubled = "Printer tiket sedang bermasalah, mohon hubungi petugas";

        public static string YourNumber(string number) => $"Nomor antrean Anda {number}";

        public static string TicketNotPrinted(string number) => $"Tiket {number} gagal dicetak. Mohon hubungi petugas.";

        public static string TicketNotPrinted(string number, string cause) =>
            $"Tiket {number} gagal dicetak: {cause}. Tiket akan dicetak ulang saat printer pulih; mohon hubungi petugas.";
    }
}
