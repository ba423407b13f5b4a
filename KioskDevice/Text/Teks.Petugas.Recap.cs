using System.Globalization;

namespace Kiosk.Device.Text;

public static partial class Teks
{
    public static partial class Petugas
    {
        /// <summary>The daily recap's words, as the head of the Puskesmas reads them (DayClose/RecapSheet lays them out).</summary>
        public static class Recap
        {
            public const string NoData = "Tidak ada data: tidak ada nomor antrean yang diambil pada hari ini.";

            public static string Title(string siteName, string day) => $"Rekap Harian Pendaftaran — {siteName} — {day}";

            public const string Summary = "Ringkasan";
            public const string Item = "Keterangan";
            public const string Count = "Jumlah";
            public const string Issued = "Nomor diambil";
            public const string Visitors = "Jumlah pengunjung (termasuk keluarga)";
            public const string Served = "Selesai dilayani";
            public const string NoShow = "Tidak hadir";
            public const string Transferred = "Diteruskan ke poli";
            public const string Cancelled = "Dibatalkan";
            public const string Expired = "Kedaluwarsa (belum dipanggil saat tutup)";
            public const string Voided = "Batal karena gagal cetak";
            public const string Emergency = "Gawat darurat / pendaftaran manual";
            public const string BusiestHour = "Jam tersibuk";

            public static string HourSpan(int hour) => string.Create(CultureInfo.InvariantCulture, $"{hour:00}.00-{hour + 1:00}.00");

            public static string Hour(int hour) => string.Create(CultureInfo.InvariantCulture, $"{hour:00}.00");

            public const string Times = "Waktu tunggu dan waktu pelayanan";
            public const string Measure = "Ukuran";
            public const string Average = "Rata-rata";
            public const string Percentile90 = "Persentil 90";
            public const string WaitTime = "Waktu tunggu (ambil nomor - dipanggil)";
            public const string ServiceTime = "Waktu pelayanan (dipanggil - selesai)";

            public static string WithinSop(string share) => $"Pelayanan sesuai standar waktu SOP: {share}";

            public const string PerService = "Per layanan";

            public static IReadOnlyList<string> PerServiceColumns { get; } =
                ["Layanan", "Diambil", "Dilayani", "Tidak hadir", "Diteruskan", "Batal", "Kedaluwarsa", "Darurat", "Rata-rata tunggu", "Rata-rata layanan", "Sesuai SOP"];

            public const string PerCategory = "Per kategori pasien";
            public const string Category = "Kategori";
            public const string PerPayer = "Per penjamin";
            public const string Payer = "Penjamin";
            public const string PerPriority = "Per prioritas";
            public const string Priority = "Prioritas";
            public const string PerHour = "Per jam";

            public static IReadOnlyList<string> PerHourColumns { get; } = ["Jam", "Diambil", "Dipanggil", "Rata-rata tunggu", "Rata-rata layanan"];

            public const string UnderAMinute = "< 1 mnt";

            public static string Minutes(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes} mnt");

            public static string Hours(int hours) => string.Create(CultureInfo.InvariantCulture, $"{hours} jam");

            public static string HoursMinutes(int hours, int minutes) => string.Create(CultureInfo.InvariantCulture, $"{hours} jam {minutes} mnt");
        }
    }
}
