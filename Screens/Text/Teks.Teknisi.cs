using System.Globalization;

namespace Kiosk.Screens.Text;

public static partial class Teks
{
    /// <summary>What the technician reads from this host: the start-up configuration check, in the shared shapes of
    /// <see cref="Kiosk.Contract.Text.SettingTeks"/>.</summary>
    public static class Teknisi
    {
        // How the journal names a browser that follows a stream (the line that says it was dropped for reading too slowly).
        public static string DisplayBrowser(string endpoint) => $"layar {endpoint}";

        public static string CounterBrowser(int counter, string endpoint) => string.Create(CultureInfo.InvariantCulture, $"loket {counter} {endpoint}");

        public const string SiteIdRule = "diisi, tanpa '/', '+' atau '#' (menjadi bagian topik MQTT)";
        public const string BrokerHostWhy = "alamat broker, mis. 127.0.0.1";
        public const string SessionEndTimeRule = "jam setempat JJ:MM seperti 16:00, atau kosong";
        public const string CommandTimingRule = "1 <= CommandRepeatSeconds <= CommandTimeoutSeconds <= 120 (ulang/batas)";
        public const string PemPairWhy = "bersama pasangannya: sertifikat dan kunci PEM";

        public static string CertificateNeeded(string urls) =>
            $"wajib diisi karena Urls berisi alamat https:// ('{urls}'); jalankan kiosk-setup --screens-tls";

        public static string HttpsUrlRule(string tlsSection) => $"berisi alamat https:// (mis. https://0.0.0.0:8443) karena {tlsSection} diisi";

        public static string KeyNotPaired(string key, string certificate) => $"kunci di '{key}' bukan pasangan sertifikat '{certificate}'";

        public static string CertificateExpired(string certificate, DateOnly since) =>
            string.Create(CultureInfo.InvariantCulture, $"sertifikat '{certificate}' sudah kedaluwarsa sejak {since:yyyy-MM-dd}; jalankan kiosk-setup --screens-tls lagi untuk membuat yang baru");

        /// <param name="detail">The runtime's own reason, kept for the technician in parentheses.</param>
        public static string PemUnreadable(string certificate, string key, string detail) =>
            $"sertifikat '{certificate}' dan kunci '{key}' tidak dapat dibaca sebagai pasangan PEM ({detail})";

        public static string PemEmpty(string detail) => $"berkas PEM tidak berisi sertifikat atau kunci ({detail})";

        public static string FileNotReadableByService(string path) =>
            $"berkas '{path}' tidak boleh dibaca oleh pengguna layanan ini (periksa pemilik dan izin berkas)";

        /// <summary>A start-up configuration error line (printed to the journal, then the host stops with EX_CONFIG).</summary>
        public static string ConfigurationWrong(string failure) => $"konfigurasi salah: {failure}";

        // Why a recorded clip cannot be played (WavAudio).
        public const string NotWav = "bukan berkas WAV (RIFF/WAVE)";
        public const string WavNoData = "tidak ada bagian data";
        public const string WavNoFormat = "tidak ada bagian fmt";

        public static string WavOddFormat(int channels, int sampleRate) => string.Create(CultureInfo.InvariantCulture, $"format tidak wajar ({channels} kanal, {sampleRate} Hz)");

        public static string WavSampleFormat(int format, int bits) =>
            string.Create(CultureInfo.InvariantCulture, $"format sampel tidak didukung (kode {format}, {bits} bit); simpan sebagai WAV PCM 16 bit");

        public static string FileUnreadable(string path, string detail) => $"berkas '{path}' tidak dapat dibaca ({detail})";
    }
}
