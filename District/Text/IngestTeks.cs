using System.Globalization;

namespace Kiosk.District.Text;

/// <summary>
/// What the district service tells its operator about the ingest (log lines, the dashboard's banner, start-up
/// refusals) and why a message was stored aside in <c>rejected</c>, in Bahasa Indonesia.
/// </summary>
public static class IngestTeks
{
    public const string NatsUrlsRule = "satu alamat atau lebih, mis. nats://10.0.0.1:4222";

    public const string PostgresRule = "string koneksi PostgreSQL, mis. Host=localhost;Database=district;Username=district";

    public const string CredentialsPair = "isi nama pengguna dan kata sandi bersama-sama, atau kosongkan keduanya";

    public static string WrongType(string? written) => $"nilai '{written}' tidak dapat dibaca; tulis angka (500), durasi (00:00:05) atau teks sesuai contoh";

    public static string ConfigurationInvalid(string problem) => $"Konfigurasi layanan kabupaten tidak dapat dipakai: {problem}";

    public static string DatabaseDown(string since) => $"Basis data tidak dapat dihubungi sejak {since}; data Puskesmas tetap tertahan di klaster NATS dan masuk setelah basis data pulih. Periksa layanan PostgreSQL.";

    public static string DatabaseBack => "Basis data dapat dihubungi lagi; data yang tertahan sedang dimasukkan.";

    public static string ClusterDown(string since) => $"Klaster NATS tidak dapat dihubungi sejak {since}; data Puskesmas tertahan di Puskesmas masing-masing. Periksa ketiga simpul NATS.";

    public static string ClusterBack => "Klaster NATS dapat dihubungi lagi; data yang tertahan sedang dimasukkan.";

    public static string HeartbeatDropped(string subject, string reason) => $"Detak tautan dari '{subject}' diabaikan: {reason}";

    // Why a message went to `rejected` (the Dinkes technician reads these next to the bytes).
    public const string Empty = "pesan kosong";

    public const string Binary = "isi biner, bukan teks JSON";

    public const string NotJson = "bukan JSON yang terbaca";

    public const string UnknownSubject = "subjek tidak dikenal di pohon puskesmas";

    public static string TooLarge(int size, int limit) => F($"pesan terlalu besar ({size} bita, batas {limit} bita)");

    public static string UnknownVersion(string? version) => $"versi kontrak '{version}' tidak dikenal (layanan ini membaca versi {Kiosk.Contract.ContractVersion.Major}.x)";

    public static string ForgedSite(string? written, string subjectSite) => $"situs di dalam pesan ('{written}') tidak sama dengan situs pengirim ('{subjectSite}')";

    public static string ForgedKiosk(string? written, string subjectKiosk) => $"kiosk di dalam pesan ('{written}') tidak sama dengan kiosk pada subjek ('{subjectKiosk}')";

    public static string NotContract(string? path) => path is null or "$"
        ? "isi tidak sesuai kontrak: kolom wajib hilang atau jenisnya salah"
        : $"isi tidak sesuai kontrak: kolom wajib hilang atau jenisnya salah (di {path})";

    public static string BadData(string type) => $"data peristiwa {type} tidak sesuai kontrak";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
