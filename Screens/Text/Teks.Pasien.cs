namespace Kiosk.Screens.Text;

/// <summary>What the patient's phone page says (Teks.cs holds the loket's and the technician's sentences).</summary>
public static partial class Teks
{
    /// <summary>A counter without a configured name, as the waiting room, the loket page and the patient's page show it.</summary>
    public static string CounterName(string id) => $"Loket {id}";

    // The call's spoken words as the display writes them (the clips say the same: nomor-antrean, silakan-menuju, loket).
    public const string AnnounceNumber = "Nomor antrean";
    public const string AnnounceGoTo = "silakan menuju";
    public const string AnnounceCounter = "loket";

    /// <summary>The title and the one button of the small page a phone gets for a bad or stale ticket address.</summary>
    public const string MessagePageTitle = "Antrean Puskesmas";
    public const string Reload = "Muat ulang";

    public const string TicketUnknown = "Tiket tidak ditemukan atau sudah lewat hari.";
    public const string TicketUnknownAdvice = "Tiket hanya berlaku pada hari dicetak. Bila tiket baru saja dicetak, tunggu sebentar lalu muat ulang halaman ini.";
    public const string PatientTooMany = "Terlalu banyak permintaan dari perangkat ini. Tunggu satu menit lalu muat ulang halaman.";
    public const string PatientBusy = "Halaman antrean sedang ramai. Tunggu sebentar lalu muat ulang halaman.";

    public const string WaitingNext = "Anda berikutnya";
    public const string WaitingUnplaced = "Menunggu panggilan";
    public const string WaitingNextAdvice = "Tetap di dekat ruang tunggu: nomor Anda segera dipanggil.";
    public const string WaitingAdvice = "Halaman ini berubah sendiri saat nomor Anda dipanggil. Jangan jauh dari ruang tunggu.";
    public const string WaitingPrinting = "Tiket sedang dicetak";
    public const string WaitingPrintingAdvice = "Ambil tiket Anda di mesin antrean.";
    public const string NoCounterOpen = "Belum ada loket yang membuka layanan ini. Tunggu di ruang tunggu.";
    public const string CalledAdvice = "Silakan menuju ke sana sekarang dengan membawa tiket ini.";
    public const string Skipped = "Nomor Anda dilewati";
    public const string SkippedAdvice = "Anda tidak ada saat dipanggil. Silakan kembali ke loket dan tunjukkan tiket ini.";
    public const string Served = "Pendaftaran selesai";
    public const string ServedAdvice = "Terima kasih. Ikuti arahan petugas.";
    public const string NoShow = "Tidak hadir";
    public const string NoShowAdvice = "Anda tidak ada saat dipanggil dan dicatat tidak hadir. Tanyakan kepada petugas loket atau ambil nomor baru di mesin antrean.";
    public const string Cancelled = "Tiket dibatalkan";
    public const string CancelledAdvice = "Tanyakan kepada petugas loket bila Anda masih perlu dilayani.";
    public const string Expired = "Tiket sudah lewat hari";
    public const string ExpiredAdvice = "Tiket hanya berlaku pada hari dicetak. Ambil nomor baru di mesin antrean.";
    public const string TransferredPending = "Pendaftaran selesai, diteruskan ke poli";
    public const string TransferredPendingAdvice = "Tunggu panggilan di depan poli.";
    public const string BasisCallRate = "Perkiraan dari kecepatan panggilan satu jam terakhir, bukan janji.";
    public const string BasisSop = "Perkiraan dari standar waktu pelayanan, bukan janji.";

    public static string Ahead(int count) => $"{count} antrean di depan Anda";

    public static string CalledTo(string destination) => $"Dipanggil ke {destination}";

    public static string TransferredTo(string poli, string number) => $"Diteruskan ke {poli}, nomor baru {number}";

    public static string AboutMinutes(int minutes) => $"± {minutes} menit";
}
