using System.Globalization;

namespace Kiosk.Queue.Text;

/// <summary>
/// Every sentence the queue engine says to a person, in Bahasa Indonesia, in one place: command replies and refusals
/// read by the officer at a loket or the patient at the kiosk. Logs and exceptions for the technician's journal stay
/// English and live beside the code that writes them.
/// </summary>
public static partial class Teks
{
    /// <summary>Refusals a loket or the kiosk shows (QueueError); the officer or the patient reads them.</summary>
    public static class Petugas
    {
        public static string UnknownService(string code) => $"Layanan '{code}' tidak dikenal.";

        public static string UnknownPoli(string code) => $"Poli '{code}' tidak dikenal.";

        public static string UnknownCounter(string id) => $"Loket '{id}' tidak dikenal.";

        public static string UnknownTicket(string what) => $"Nomor antrean {what} tidak ditemukan hari ini.";

        public static string QuotaExhausted(string queue) => $"Kuota habis: antrean {queue} hari ini sudah penuh.";

        public static string DayClosed(DateOnly day) => F($"Pelayanan tanggal {day:dd-MM-yyyy} sudah ditutup.");

        public static string CannotInState(string number, string state, string action) => $"Nomor {number} berstatus {state}, tidak bisa {action}.";

        /// <summary>The counter's display name already says what it is ("Loket 3", "Pendaftaran Lansia").</summary>
        public static string CounterOnBreak(string counterName) => $"{counterName} sedang istirahat. Tekan Lanjutkan dulu.";

        public static string CounterBusy(string number) => $"Loket masih melayani {number}. Selesaikan, lewati, atau rujuk dulu.";

        public const string NoTicketAtCounter = "Tidak ada nomor yang sedang dilayani di loket ini.";
        public const string NothingToCall = "Tidak ada antrean yang menunggu.";

        public static string NotThisCountersService(string number) => $"Nomor {number} bukan layanan loket ini.";

        public static string NotPrintedYet(string number) => $"Nomor {number} belum tercetak, belum bisa dipanggil.";

        public static string TicketState(Model.TicketState state) => state switch
        {
            Model.TicketState.Waiting => "menunggu",
            Model.TicketState.Called => "dipanggil",
            Model.TicketState.Skipped => "dilewati",
            Model.TicketState.NoShow => "tidak hadir",
            Model.TicketState.Served => "selesai dilayani",
            Model.TicketState.Transferred => "diteruskan ke poli",
            Model.TicketState.Cancelled => "dibatalkan",
            Model.TicketState.Expired => "kedaluwarsa",
            Model.TicketState.Voided => "dibatalkan (gagal cetak)",
            _ => "tidak diketahui",
        };
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
