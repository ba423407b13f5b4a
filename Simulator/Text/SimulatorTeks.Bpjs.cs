using System.Globalization;

namespace Kiosk.Simulator.Text;

public static partial class SimulatorTeks
{
    /// <summary>The front panel's BPJS section and the simulator's BPJS lines.</summary>
    public static partial class Panel
    {
        public const string FromBpjs = "BPJS";

        public const string BpjsTambah = "tambah antrean";
        public const string BpjsPanggil = "panggil";
        public const string BpjsPanggilHadir = "panggil (hadir)";
        public const string BpjsPanggilTidakHadir = "panggil (tidak hadir)";
        public const string BpjsBatal = "batal";

        public const string BpjsTaken = "diterima";
        public const string BpjsAlreadyThere = "sudah tercatat di BPJS";

        public static string BpjsRefused(string reason) => $"ditolak: {reason}";

        public static string BpjsNotTaken(string reason) => $"belum diterima: {reason}";

        public const string BpjsNothingWaiting = "Tidak ada laporan BPJS yang menunggu.";

        public const string InternetCut = "Internet putus: laporan BPJS disimpan dan dikirim saat koneksi kembali";
        public const string InternetBack = "Internet tersambung kembali: laporan yang menunggu dikirim ke BPJS";

        public static string UnknownInternetAction(string action) => $"Pilihan internet '{action}' tidak dikenal (putus atau sambung).";

        /// <summary>The scenario report's last line on the panel.</summary>
        public static string ScenarioBpjs(int received, int waiting) => waiting == 0
            ? F($"\nBPJS menerima {received} laporan dari hari skenario ini.\n")
            : F($"\nBPJS menerima {received} laporan dari hari skenario ini; {waiting} laporan tidak terkirim karena internet putus atau BPJS lambat (hilang bersama data sementara skenario).\n");

        public const string NoBpjs = "BPJS tidak dijalankan di simulator ini.";

        public static string BpjsBridgeDidNotStart(TimeSpan bound) =>
            string.Create(CultureInfo.InvariantCulture, $"Jembatan BPJS tidak tersambung ke broker dalam {bound.TotalSeconds:0} detik.");
    }

    public static string BpjsDouble(Uri address) => $"BPJS tiruan (tidak pernah menghubungi BPJS sungguhan): {address}";
}
