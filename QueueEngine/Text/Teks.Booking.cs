namespace Kiosk.Queue.Text;

public static partial class Teks
{
    /// <summary>Mobile JKN bookings: answers for BPJS's caller (through the bridge) and what the patient reads at the kiosk.</summary>
    public static class Booking
    {
        public static string Booked(string number, DateOnly day) => F($"Booking Mobile JKN dicatat: nomor {number} untuk tanggal {day:dd-MM-yyyy}.");

        public static string AlreadyBooked(string number) => $"Kartu ini sudah punya booking nomor {number} untuk layanan dan tanggal itu.";

        /// <summary>A booking for a day outside <paramref name="first"/>..<paramref name="last"/> (the running day <paramref name="today"/> is closed when first is after it).</summary>
        public static string BookableDays(DateOnly today, DateOnly first, DateOnly last) =>
            first > last ? F($"Pelayanan tanggal {today:dd-MM-yyyy} sudah ditutup; booking untuk hari lain belum dibuka.")
            : first == last ? F($"Booking hanya bisa untuk tanggal {first:dd-MM-yyyy}.")
            : F($"Booking bisa untuk tanggal {first:dd-MM-yyyy} sampai {last:dd-MM-yyyy}.");

        public static string NotBookable(string code) => $"Layanan '{code}' tidak menerima booking Mobile JKN.";

        public const string CardNumberInvalid = "Nomor kartu JKN harus 13 angka.";

        public const string TicketIdTaken = "ID tiket ini sudah dipakai untuk antrean lain.";

        public const string NotFound = "Tidak ada booking kartu ini untuk layanan dan tanggal itu.";

        public static string CannotCancel(string number, string state) => $"Booking nomor {number} sudah {state}, tidak bisa dibatalkan.";

        public static string Cancelled(string number) => $"Booking nomor {number} dibatalkan.";

        public static string Status(string number, int ahead) => $"Booking nomor {number}: {ahead} antrean lagi sebelum nomor ini.";

        public static string QueueStatus(string service, int remaining) => $"Antrean {service}: {remaining} nomor belum dipanggil.";

        /// <summary>Kiosk: the booking was cancelled (in Mobile JKN or by the officer).</summary>
        public const string CodeCancelled = "Booking ini sudah dibatalkan. Silakan ambil nomor antrean baru.";

        /// <summary>Kiosk: the booking was used already (called, served) or expired.</summary>
        public const string CodeFinished = "Booking ini sudah selesai dipakai. Silakan tanya petugas pendaftaran.";

        /// <summary>Kiosk: checked in and printed before; the patient only waits.</summary>
        public static string AlreadyCheckedIn(string number) => $"Anda sudah hadir dengan nomor {number}. Silakan tunggu panggilan.";
    }
}
