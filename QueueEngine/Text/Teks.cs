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

        public static string TicketState(Contract.TicketState state) => state switch
        {
            Contract.TicketState.Waiting => "menunggu",
            Contract.TicketState.Called => "dipanggil",
            Contract.TicketState.Skipped => "dilewati",
            Contract.TicketState.NoShow => "tidak hadir",
            Contract.TicketState.Served => "selesai dilayani",
            Contract.TicketState.Transferred => "diteruskan ke poli",
            Contract.TicketState.Cancelled => "dibatalkan",
            Contract.TicketState.Expired => "kedaluwarsa",
            Contract.TicketState.Voided => "dibatalkan (gagal cetak)",
            _ => "tidak diketahui",
        };

        // Command replies (QueueEngine.Commands): what the loket shows after a command.
        public static string CommandIdInvalid(int maxLength) => F($"Perintah tanpa ID yang sah (1-{maxLength} karakter).");

        public const string CommandIdTaken = "ID perintah ini sudah dipakai loket lain. Kirim ulang dengan ID baru.";

        public static string UnknownCommand(string kind) => $"Jenis perintah '{kind}' tidak dikenal.";

        public const string NeedTicketNumber = "Sebutkan nomor antrean.";

        // The action in "Nomor A-001 berstatus …, tidak bisa {action}."
        public const string ActionSkip = "dilewati";
        public const string ActionNoShow = "ditandai tidak hadir";
        public const string ActionServeDone = "diselesaikan";
        public const string ActionCancel = "dibatalkan";
        public const string ActionCall = "dipanggil";
        public const string ActionRecall = "dipanggil ulang";
        public const string ActionReturn = "dikembalikan ke antrean";
        public const string ActionTransfer = "diteruskan";
        public const string ActionMarkPrinted = "ditandai tercetak";

        public static string Skipped(string number) => $"{number} dilewati. Bisa dipanggil lagi bila pasien kembali.";

        public static string NoShow(string number) => $"{number} tidak hadir.";

        public static string Served(string number) => $"{number} selesai dilayani.";

        public static string Cancelled(string number) => $"{number} dibatalkan.";

        public static string Serving(string counterName, string number) => $"{counterName} sedang melayani {number}.";

        public static string ServingNobody(string counterName) => $"{counterName} tidak sedang melayani pasien.";

        public static string OnBreak(string counterName) => $"{counterName} istirahat.";

        public static string BackFromBreak(string counterName) => $"{counterName} melayani kembali.";

        public static string Calling(string number, string counterName) => $"Memanggil {number} ke {counterName}.";

        public static string Recalling(string number, int call) => F($"Memanggil ulang {number} (panggilan ke-{call}).");

        public static string NoShowAfterCalls(string number, int calls) => F($"{number} tidak hadir setelah {calls} kali dipanggil.");

        public static string Returned(string number) => $"{number} kembali ke antrean.";

        public static string Transferred(string number, string poli, string poliNumber) => $"{number} diteruskan ke {poli} dengan nomor {poliNumber}.";

        public static string EmergencyIssued(string number) => $"Nomor darurat {number} dibuat dan dilayani di loket ini.";

        public static string ManualNote(string counterName, string reason) => $"Nomor manual dari {counterName}: {reason}";

        public const string ManualDefaultReason = "kiosk tidak dapat mencetak";

        public static string ManualIssued(string number, string queue) => $"Nomor {number} ({queue}) dibuat. Sebutkan nomor ini kepada pasien; pasien menunggu panggilan.";

        public static string ServedElsewhere(string number, string counterName) => $"Nomor {number} sedang dilayani {counterName}.";

        public static string NotTheRunningDay(DateOnly day, DateOnly running) => F($"Tanggal {day:dd-MM-yyyy} bukan hari pelayanan yang berjalan ({running:dd-MM-yyyy}).");

        // Issuing (QueueEngine.Issue).
        public const string NoServiceCode = "Kode layanan kosong.";

        public static string UnknownSource(string source) => $"Sumber tiket '{source}' tidak dikenal.";

        public const string UnknownChoice = "Kategori pasien, penjamin atau prioritas tidak dikenal.";

        public static string FamilySize(int max) => F($"Jumlah anggota keluarga harus 1 sampai {max}.");

        public static string NoLongerWaitingToPrint(string number) => $"Nomor {number} sudah tercetak atau tidak lagi menunggu.";

        public static string PrintedCannotVoid(string number) => $"Nomor {number} sudah tercetak, tidak bisa dibatalkan di kios.";

        public const string NotPrintedNote = "tidak tercetak";
    }

    /// <summary>What the patient at the kiosk is told by the engine.</summary>
    public static class Pasien
    {
        public const string CardUnreadable = "Data kartu tidak terbaca. Silakan pindai ulang atau tekan tombol layanan.";

        // The default labels of the codes a ticket stores (PatientLabels; a site may override them under Queue:Labels).
        public const string CategoryNew = "Pasien baru";
        public const string CategoryReturning = "Pasien lama";
        public const string NotKnown = "Tidak diketahui";
        public const string PayerBpjs = "BPJS / KIS";
        public const string PayerUmum = "Umum";
        public const string NotPriority = "Bukan prioritas";
        public const string Lansia = "Lansia";
        public const string IbuHamil = "Ibu hamil";
        public const string Disabilitas = "Disabilitas";
        public const string Balita = "Balita";
        public const string PriorityUnspecified = "Prioritas (jenis tidak ditanyakan)";
    }

    /// <summary>The engine's configuration check, for the technician, in the shared shapes of
    /// <see cref="Kiosk.Contract.Text.SettingTeks"/>.</summary>
    public static class Teknisi
    {
        public const string DatabasePathWhy = "jalur berkas log tiket";
        public const string IdRule = "1-32 huruf, angka, '-' atau '_'";
        public const string NoServices = "belum ada layanan; kiosk perlu minimal satu";
        public const string DailyCapRule = "lebih dari 0 atau dikosongkan";
        public const string NumberStartRule = "1 atau lebih";

        public static string NumberEndRule(int start) => F($"sama dengan atau lebih besar dari NumberStart {start}");

        public const string RequirementWhy = "nama persyaratan";
        public const string NoCounters = "belum ada loket; tidak ada yang dapat memanggil nomor";

        public static string CounterIdTwice(string id) => $"'{id}' sudah dipakai loket lain";

        public const string CounterWithoutServices = "tidak menyebut layanan; loket ini tidak akan pernah memanggil";

        public static string NotAQueue(string code) => $"'{code}' bukan layanan atau poli yang dikonfigurasi";

        public const string BusyTimeoutRule = "antara 00:00:00 dan 00:01:00 (paling lama 1 menit)";

        public static string CodeTwice(string code) => $"'{code}' dipakai dua kali (kode layanan dan poli satu daftar)";

        public const string PrefixRule = "1-3 huruf kapital";
        public const string NameWhy = "pasien membacanya di tiket";
        public const string PositiveRule = "lebih dari 0";

        public static string BandsOverlap(string prefix, string other) =>
            $"'{prefix}' dipakai juga oleh '{other}' dan rentang nomornya bertumpuk; beri keduanya NumberStart/NumberEnd yang tidak bertumpuk";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
