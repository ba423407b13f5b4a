namespace Kiosk.Device.Text;

public static partial class Teks
{
    public static partial class Teknisi
    {
        // The doctor's BPJS line (Tools/BpjsBridgeCheck): what the BPJS bridge's retained status on the broker says.
        public const string CheckBpjs = "Laporan BPJS";
        public const string BpjsAllSent = "terkirim semua";
        public const string BpjsBacklogFix = "Periksa koneksi internet Puskesmas; laporan terkirim sendiri begitu BPJS terjangkau lagi (journalctl -u kiosk-bpjs).";
        public static string BpjsRefusedToday(int tickets) => F($"{tickets} tiket hari ini ditolak BPJS");
        public const string BpjsRefusedFix = "Alasan tiap tiket tampil di halaman loket; laporkan pasien itu langsung di aplikasi BPJS.";
        public static string BpjsSkipped(string setupFile) =>
            $"dilewati: tidak ada jembatan BPJS di Puskesmas ini (tidak ada status di broker, tidak ada {setupFile})";
        public static string BpjsNeverPublished(string setupFile) => $"jembatan BPJS disiapkan ({setupFile}) tetapi belum mengirim status ke broker";
        public const string BpjsNeverPublishedFix = "Periksa layanannya: systemctl status kiosk-bpjs dan journalctl -u kiosk-bpjs.";
        public const string BpjsUnreadable = "status jembatan BPJS di broker tidak dapat dibaca";
        public const string BpjsUnreadableFix = "Samakan versi kiosk-bpjs dengan kiosk (perbarui paketnya), lalu: systemctl restart kiosk-bpjs.";
        public const string BpjsNotRunning =
            "jembatan BPJS tidak berjalan (koneksinya ke broker putus: prosesnya mati, PC-nya mati atau jaringannya putus; atau layanannya dihentikan): laporan antrean BPJS tertunda";
        public const string BpjsNotRunningFix =
            "Di PC jembatan BPJS: periksa daya dan jaringannya ke broker, lalu systemctl status kiosk-bpjs dan journalctl -u kiosk-bpjs. Laporan yang tertunda terkirim sendiri setelah jembatan berjalan lagi.";
        public const string BpjsNoBroker = "tidak dapat diperiksa: broker tidak terhubung";
        public const string BpjsNoBrokerFix = "Perbaiki baris Broker MQTT dulu.";
    }
}
