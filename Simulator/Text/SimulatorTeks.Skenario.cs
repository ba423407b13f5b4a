using System.Globalization;
using Kiosk.Contract.Text;

namespace Kiosk.Simulator.Text;

public static partial class SimulatorTeks
{
    /// <summary>
    /// What a scenario run tells the technician: a scenario file's errors (in the shared <see cref="SettingTeks"/>
    /// shapes, the file's field first), the progress line, the report and the invariants a run found broken.
    /// </summary>
    public static class Skenario
    {
        public static string EmptyFile(string path) => $"{path}: berkas skenario kosong.";

        public static string NotFound(string name, IEnumerable<string> shipped) =>
            $"Skenario '{name}' tidak ditemukan (ada: {string.Join(", ", shipped)}, atau sebutkan path berkas .json).";

        /// <summary>All of a file's problems on one line, the file first.</summary>
        public static string FileProblems(string path, IEnumerable<string> problems) => $"{path}: {string.Join("; ", problems)}";

        public const string NoArrivals = "minimal satu gelombang kedatangan";
        public const string ArrivalWindowRule = "JJ:MM, jam akhir sesudah jam mulai";
        public const string ArrivalButtonWhy = "id tombol dari konfigurasi kiosk, mis. umum";
        public const string TimeRule = "JJ:MM";
        public const string DayCloseRule = "JJ:MM, sesudah kedatangan terakhir";

        /// <summary>The reason an emergency of a scenario carries when the file gives none.</summary>
        public const string DefaultEmergencyReason = "Pasien gawat darurat";

        public static string Progress(string name, int patients, int counters, DateOnly day, int brokerPort) =>
            F($"Skenario {name}: {patients} pasien, {counters} loket/ruang, hari {day:yyyy-MM-dd}, broker 127.0.0.1:{brokerPort}");

        // Invariants a run found broken, one sentence each.
        public static string DayNotClosed(DateTimeOffset closedAt) => F($"hari tidak ditutup pada jam tutup {closedAt:HH:mm}");

        public const string RecapNotWritten = "rekap harian tidak ditulis ke berkas saat tutup hari";
        public const string RecapEventNotCommitted = "peristiwa day.recap tidak tercatat saat tutup hari";
        public const string RecapEventNotReceived = "peristiwa day.recap tidak sampai ke layar";

        public static string EventsLost(int count, IEnumerable<long> examples) =>
            F($"{count} peristiwa hilang (tidak sampai ke layar), mis. nomor urut {string.Join(", ", examples)}");

        public static string EventsReversed(long before, long after) => F($"urutan peristiwa terbalik: {before} lalu {after}");

        public static string NumberIssuedTwice(string number, int times) => F($"nomor {number} diterbitkan {times} kali");

        public static string CalledBeforePrinted(string? number) => $"tiket {number} dipanggil padahal belum pernah tercetak";

        public static string NumberTwiceInLog(string number, int times) => F($"nomor {number} ada {times} kali di log tiket");

        // The report.
        public static string ReportTitle(string name, DateOnly day) => F($"== Skenario {name}: hari {day:yyyy-MM-dd} ==");

        public static string Arrivals(int patients, int printed, int failures, int refusals, int wentHome) =>
            F($"Pasien datang {patients}, tiket tercetak {printed}, gagal cetak {failures}, ditolak saat printer bermasalah {refusals}, pulang tanpa nomor {wentHome}");

        public static string DayClose(DateTimeOffset closedAt, bool closed, int waiting, string? recapFile, int recapEventsReceived, int recapEventsCommitted) =>
            F($"Tutup hari pukul {closedAt:HH:mm} (jam kiosk): {(closed ? "hari ditutup" : "HARI TIDAK DITUTUP")}, {waiting} tiket masih menunggu saat tutup, rekap harian {(recapFile is null ? "TIDAK tertulis" : "tertulis di " + recapFile)}, peristiwa day.recap {recapEventsReceived}/{recapEventsCommitted} sampai ke layar");

        public static string Recap(bool afterClose, int issued, int served, int transferred, int noShow, int emergency, int cancelled, int expired, int voided) =>
            F($"Rekap kiosk{(afterClose ? " setelah tutup hari" : string.Empty)}: terbit {issued}, dilayani {served}, diteruskan ke poli {transferred}, tidak hadir {noShow}, darurat {emergency}, batal {cancelled}, kedaluwarsa {expired}, dibatalkan otomatis {voided}");

        public const string SopTitle = "Kepatuhan SOP (waktu layanan dalam target):";

        public static string SopLine(string code, string name, int issued, TimeSpan? averageWait, TimeSpan? averageService, TimeSpan target, double? withinTarget) =>
            F($"  {code,-8} {name,-28} terbit {issued,4}  tunggu rata-rata {Minutes(averageWait)}  layanan rata-rata {Minutes(averageService)} (target {target.TotalMinutes:0} mnt)  dalam target {Share(withinTarget)}");

        public static string WaitingAtEnd(int waiting) => F($"Masih menunggu di akhir hari: {waiting}");

        public static string Events(int committed, int received, int duplicates, int commands) =>
            F($"Peristiwa: {committed} tercatat, {received} diterima layar ({duplicates} kiriman ganda dibuang), perintah loket {commands}");

        public static string Cost(TimeSpan wall, double eventsPerSecond, long memoryBytes) =>
            F($"Waktu nyata {wall.TotalSeconds:0.0} s, {eventsPerSecond:0} peristiwa/s, memori proses kiosk di akhir hari {memoryBytes / 1048576.0:0.0} MiB");

        public const string InvariantsKept = "Invarian: semua terpenuhi (tidak ada nomor ganda, tidak ada peristiwa hilang atau terbalik, tidak ada panggilan tiket yang belum tercetak)";

        public static string InvariantsBroken(int count) => F($"INVARIAN DILANGGAR ({count}):");

        private static string Minutes(TimeSpan? span) => span is { } s ? F($"{s.TotalMinutes,5:0.0} mnt") : "    - ";

        private static string Share(double? share) => share is { } s ? F($"{s * 100:0}%") : "-";
    }
}
