namespace Kiosk.Kabupaten.Text;

/// <summary>What <c>./kiosk.sh district</c> tells the technician, in Bahasa Indonesia.</summary>
public static class KabupatenTeks
{
    public const string Usage = """
        Pemakaian: ./kiosk.sh district [--sites N] [--port P] [--tanpa-tls]
          --sites N     jumlah Puskesmas simulasi (1 sampai 20, bawaan 5)
          --port P      port dasbor di 127.0.0.1 (bawaan: port bebas)
          --tanpa-tls   tautan Puskesmas ke NATS tanpa TLS (bawaan: dengan TLS dan CA privat)
        """;

    public const string NatsMissing = "nats-server belum terpasang: apt-get install nats-server (./kiosk.sh district memasangnya).";

    public const string PostgresMissing = "PostgreSQL belum terpasang: apt-get install postgresql (./kiosk.sh district memasangnya).";

    public const string Stopping = "Menghentikan kabupaten: Puskesmas, layanan distrik, PostgreSQL, simpul NATS ...";

    public const string Stopped = "Semua bagian berhenti.";

    public const string PressCtrlC = "Tekan Ctrl+C untuk menghentikan semuanya.";

    public static string BadOption(string option) => $"Pilihan '{option}' tidak dikenal.";

    public static string BadSites(string value, int max) => $"--sites harus bilangan 1 sampai {max}, bukan '{value}'.";

    public static string BadPort(string value) => $"--port harus nomor port 1 sampai 65535, bukan '{value}'.";

    public static string NatsReady(int nodes, bool tls) => $"NATS: {nodes} simpul JetStream, stream PUSKESMAS R{nodes}{(tls ? ", TLS dengan CA privat" : "")}";

    public const string PostgresReady = "PostgreSQL privat siap (soket Unix di folder sementara).";

    public static string Dashboard(string url) => $"Dasbor Dinkes: {url}";

    public static string Login(string user, string password) => $"Masuk sebagai: {user}  kata sandi: {password}";

    public static string LoginFailed(int exitCode, string detail) =>
        $"Akun Dinkes tidak dapat dibuat (perintah 'user add' keluar dengan kode {exitCode}): {detail}. Buat sendiri: District user add NAMA.";

    /// <summary>The display name of the demo Dinkes account the simulation creates.</summary>
    public const string DemoOfficerName = "Petugas Dinkes (demo)";
}
