using Kiosk.District.Cluster;

namespace Kiosk.District.Text;

/// <summary>Every line <c>district setup</c> shows the technician, in Bahasa Indonesia.</summary>
internal static class SetupTeks
{
    public const string Usage = "Cara pakai: district setup --nodes host1,host2,host3 --sites pkm-a,pkm-b --out FOLDER [--retention-days 400]; district setup --add-site pkm-c --out FOLDER; setelah node menyala: district setup --create-stream --out FOLDER.";

    public static string UnknownOption(string option) => $"Opsi '{option}' tidak dikenal; yang ada: --nodes, --sites, --out, --retention-days, --add-site.";

    public static string MissingValue(string option) => $"Opsi {option} perlu nilai sesudahnya.";

    public static string Repeated(string option) => $"Opsi {option} disebut dua kali; sebut sekali saja.";

    public const string NoNodes = "Sebutkan node NATS dengan --nodes host1,host2,host3 (tiga node).";

    public const string NoOut = "Sebutkan folder hasil dengan --out FOLDER.";

    public const string NodeCount = "Klaster perlu satu node (uji coba) atau tiga node atau lebih; dua node berhenti bila satu mati.";

    public static string BadHost(string host) => $"Nama host '{host}' tidak sah; tulis nama host atau alamat IP, dipisah koma tanpa spasi.";

    public static string DuplicateHost(string host) => $"Host '{host}' disebut dua kali di --nodes.";

    public static string BadSite(string site) => $"Kode Puskesmas '{site}' tidak sah; pakai huruf, angka, '-' atau '_' saja (paling panjang 64).";

    public static string DuplicateSite(string site) => $"Kode Puskesmas '{site}' disebut dua kali.";

    public const string BadRetention = "--retention-days harus bilangan bulat dari 1 sampai 3650 (hari).";

    public const string AddSiteAlone = "--add-site dipakai hanya bersama --out; node dan masa simpan sudah ada di konfigurasi.";

    public static string AlreadySetUp(string folder) => $"Folder {folder} sudah berisi konfigurasi klaster; untuk menambah Puskesmas pakai --add-site.";

    public static string NotSetUp(string folder) => $"Folder {folder} belum berisi konfigurasi klaster; jalankan dulu district setup --nodes ... --sites ... --out {folder}.";

    public static string SiteExists(string site) => $"Puskesmas '{site}' sudah terdaftar di klaster ini.";

    public static string Written(string folder) => $"Konfigurasi klaster NATS tertulis di {folder}.";

    public static string CopyNode(string name, string host, string folder) =>
        $"Node {name} ({host}): salin isi {folder} ke {SetupCommand.NodeConfigFolder} di {host}, lalu mulai nats-server dengan -c {SetupCommand.NodeConfigFolder}/nats.conf.";

    public static string Site(string site, string envFile, string caFile) =>
        $"Puskesmas {site}: salin {envFile} dan {caFile} ke kios Puskesmas itu, lalu jalankan di kios:";

    public static string Reload(string folder) =>
        $"Salin nats.conf yang baru dari {folder}/nodes/*/ ke setiap node, lalu muat ulang tanpa henti: kill -HUP $(pidof nats-server) (atau systemctl reload nats-server).";

    public static string StreamReady(string name, int replicas, int days) =>
        $"Stream {name} siap: disalin ke {replicas} node, disimpan {days} hari.";

    public const string StreamQuorumLost = "Stream belum bisa dibuat: kurang dari dua node NATS yang menyala. Nyalakan semua node, lalu ulangi district-setup --create-stream.";

    public static string StreamUnreachable(string reason) =>
        $"Node NATS tidak bisa dihubungi ({reason}); periksa bahwa nats-server menyala di setiap node dan port 4222 terbuka, lalu ulangi.";

    public static string Failed(string reason) => $"Konfigurasi klaster gagal ditulis: {reason}";
}
