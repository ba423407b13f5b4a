namespace Kiosk.District.Text;

/// <summary>
/// The sentences of the Dinkes pages and of <c>district user</c>, in Bahasa Indonesia, grouped by who reads them.
/// The words shared by several pages (printer states, clock, the error pages) stay in <see cref="DinkesWords"/>.
/// </summary>
public static class DinkesTeks
{
    /// <summary>What a Dinkes officer reads on the dashboard, a Puskesmas page and the monthly report.</summary>
    public static class Staf
    {
        public const string Brand = "Antrean Puskesmas · Dinkes";

        public const string DashboardTitle = "Dasbor Antrean Puskesmas";

        public const string NotFoundTitle = "Tidak ditemukan";

        public const string UnknownSiteTitle = "Puskesmas tidak dikenal";

        public const string AccountsByTechnician = "Akun dibuat oleh teknisi Dinkes. Lupa kata sandi? Hubungi teknisi Dinkes.";

        // The dashboard.
        public const string NoAlerts = "Tidak ada peringatan.";

        public const string AlertsNeedDatabase = "Peringatan tidak dapat dihitung tanpa basis data.";

        public const string ColumnLongestWait = "Tunggu terlama";

        public const string ColumnCalledLastHour = "Dipanggil 1 jam terakhir";

        public const string NoNewsYet = "Belum ada kabar";

        public const string NobodyWaiting = "Tidak ada";

        public static string KioskStale(string kioskId, string since) => $"{kioskId}: tidak ada kabar sejak {since}";

        public static string PrinterOfOfflineKiosk(string kioskId) => $"{kioskId}: tidak diketahui (kiosk mati)";

        public static string LinkCutBacklog(string records) => $", {records} catatan belum terkirim";

        public static string LinkSending(string records) => $"Tersambung, {records} catatan sedang dikirim";

        // The alerts on the dashboard: what happened, then what to do.
        public static string KioskOffSince(string kiosk, string since) => $"{kiosk} mati sejak {since}";

        public static string PrinterProblemSince(string printer, string kiosk, string since) => $"{printer} di {kiosk} sejak {since}";

        public const string TurnKioskOn = "Minta petugas menyalakan kiosk dan memeriksa jaringannya";

        public static string CannotPrintWithWaiting(string site, string what, int waiting, string action) => $"{site}: {what}, {waiting} pasien menunggu. {action}.";

        public static string StaleKioskAlert(string site, string kiosk, string since) =>
            $"{site}: kabar dari {kiosk} tidak datang lagi sejak {since}. Tanyakan ke petugas apakah kiosk masih menyala.";

        public static string PaperLowAlert(string site, string kiosk) => $"{site}: kertas printer {kiosk} hampir habis. Minta petugas menyiapkan gulungan baru.";

        public static string LinkCutAlert(string site, string since, string backlog) =>
            $"{site}: sambungan ke Dinkes terputus sejak {since}{backlog}. Angka Puskesmas ini tertinggal; minta petugas memeriksa internet Puskesmas.";

        public static string LongWaitAlert(string site, string service, string waited, int? target) =>
            $"{site}: pasien {service} sudah menunggu {waited}, target SOP {target} menit. Tanyakan apakah loket perlu dibantu.";

        // A Puskesmas page.
        public const string NoTicketsToday = "Belum ada tiket hari ini.";

        public const string ColumnHour = "Jam";

        public const string ColumnIssued = "Tiket diambil";

        public const string ColumnCalled = "Dipanggil";

        public const string ColumnServed = "Selesai dilayani";

        public const string NoNotesToday = "Tidak ada kejadian penting hari ini.";

        public const string DayOpened = "Hari layanan dibuka";

        public const string DayClosed = "Hari layanan ditutup";

        public static string TicketPrintFailed(string? number) => $"Tiket {number} gagal dicetak";

        public static string CounterPaused(string? counter) => $"Loket {counter} berhenti sementara";

        public static string CounterResumed(string? counter) => $"Loket {counter} melayani lagi";

        // The monthly report.
        public static string DownloadCsv(string month) => $"Unduh CSV untuk Excel ({month})";

        public const string NoVisitsThisMonth = "Belum ada kunjungan pada bulan ini.";

        public const string HeaderSiteCode = "Kode Puskesmas";

        /// <summary>The report's columns, on the page and in the CSV file.</summary>
        public static IReadOnlyList<string> ReportHeaders { get; } =
        [
            "Puskesmas", HeaderSiteCode, "Layanan", "Kunjungan", "Pasien baru", "Pasien lama", "BPJS", "Umum",
            "Median waktu tunggu (menit)", "P90 waktu tunggu (menit)", "Median waktu layanan (menit)", "P90 waktu layanan (menit)",
            "Target SOP (menit)", "Dalam target SOP (%)", "Tidak hadir", "Dirujuk ke poli",
        ];
    }

    /// <summary>What the Dinkes technician reads from <c>district user</c>.</summary>
    public static class Teknisi
    {
        public const string UserHelp = """
            Pemakaian:
              user add NAMA [--nama "Nama Lengkap"]   kata sandi dari variabel DINKES_PASSWORD atau baris pertama stdin
              user list                               daftar akun Dinkes
            """;

        public static string NotConfigured(string setting) => $"{setting} belum diatur (appsettings.json atau variabel District__Postgres).";

        public static string PasswordLength(int min, int max, string variable) => $"Kata sandi harus {min} sampai {max} karakter (dari {variable} atau baris pertama stdin).";

        public static string DatabaseUnreachable(string reason) => $"Basis data tidak dapat dihubungi: {reason}";
    }
}
