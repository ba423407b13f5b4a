using System.Globalization;

namespace Kiosk.Simulator.Text;

/// <summary>
/// What the simulator says, in Bahasa Indonesia. Its readers are a technician, a developer or a trainer who plays patient
/// and officer: here its command line and terminal lines; <see cref="Panel"/> what the browser front panel shows;
/// <see cref="Skenario"/> a scenario file's errors and the scenario report. Kiosk settings and their errors, and what
/// the kiosk tells a patient, are worded by Kiosk.Device's Teks, the same as on the Pi.
/// </summary>
public static partial class SimulatorTeks
{
    public const string Usage = """
        pemakaian: ./kiosk.sh run [pilihan] [--Bagian:Kunci=nilai ...]
          --config BERKAS        konfigurasi kiosk tambahan dalam JSON (seperti Kiosk.Device --config)
          --port N               port panel depan di 127.0.0.1 (bawaan: port bebas)
          --screens-url URL      alamat host layar loket/display yang sudah berjalan (bawaan: dijalankan sendiri,
                                 port KIOSK_SCREENS_PORT atau 8080)
          --data FOLDER          data kiosk (bawaan: .kiosk/data)
          --no-browser           jangan membuka peramban
          --scenario NAMA|BERKAS menjalankan satu hari skenario (hari-biasa, hari-sibuk, atau berkas .json)
          --headless             skenario tanpa panel: cetak rekap, kepatuhan SOP dan invarian
        """;

    public const string KioskPartUsage = "pemakaian: Kiosk.Simulator --kiosk-part SOKET OFFSET-JAM PRINTER BERKAS|-";

    public static string UnknownOption(string option) => $"pilihan tidak dikenal: {option}";

    public static string BrokerUnstartable(string reason) => $"Broker pribadi tidak dapat dijalankan: {reason}";

    public static string PrivateBroker(string host, int port, string site, string folder) =>
        F($"Broker MQTT pribadi: {host}:{port}, situs '{site}' (folder {folder})");

    public const string Stopping = "Menghentikan kiosk dan broker...";

    public static string ScenarioWrong(string reason) => $"Skenario salah: {reason}";

    public static string PanelAddress(Uri address) => $"Panel depan simulator: {address}";

    public static string DataFolder(string folder) => $"Data kiosk: {folder}";

    public const string UsersTitle = "User per peran (password baru setiap kali dijalankan):";

    public const string StopHint = "Ctrl+C untuk berhenti.";

    public static string WatchTopics(string host, int port, string user, string password, string site) =>
        F($"Lihat topik antrean seperti layar ruang tunggu: mosquitto_sub -h {host} -p {port} -u {user} -P {password} -t 'queue/{site}/#' -v");

    public static string WaitingRoomScreen(Uri screens) => $"Layar ruang tunggu: {screens}layar";

    public static string LoketPage(Uri screens) => $"Halaman loket:      {screens}loket   (masuk dengan nomor loket dan kata sandi di bawah)";

    public static string LoketPassword(int counter, string password) => F($"  loket {counter}: {password}");

    // The kiosk process under the simulator: these reach the terminal, or the panel as the reason power-on failed.
    public const string KioskNotConnected = "Kiosk belum tersambung.";
    public const string KioskNotReady = "Kiosk belum siap.";
    public const string KioskProcessUnstartable = "Proses kiosk tidak dapat dijalankan.";

    public static string KioskProcessNotReadyAfter(TimeSpan timeout) => F($"Proses kiosk belum siap setelah {timeout.TotalSeconds:0} detik.");

    public static string KioskProcessEndedEarly(int exitCode) => F($"Proses kiosk berhenti sebelum siap (kode keluar {exitCode}).");

    public const string KioskOff = "Kiosk sedang mati.";
    public const string KioskInOtherProcess = "Kiosk berjalan di proses lain; pakai Front.";
    public const string PaperWidths = "58 atau 80 mm";

    /// <summary>What the kiosk's printer reports when the simulator that plays the printer has gone.</summary>
    public const string SimulatorPrinterUnreachable = "Printer simulator tidak terjangkau (simulator tidak terhubung)";

    public static string NoReply(int counter, string type, TimeSpan timeout) =>
        F($"Loket {counter}: tidak ada jawaban untuk perintah {type} dalam {timeout.TotalSeconds:0} detik.");

    public const string NeedsValueSuffix = " perlu nilai";
    public const string NotAPort = "bukan nomor port; tulis bilangan 1..65535, mis. 8080";
    public const string NotAUrl = "bukan alamat lengkap; tulis mis. http://127.0.0.1:8080/";
    public const string NotAPath = "bukan jalur folder yang dapat dipakai";

    /// <summary>When the kiosk closes its day, as the panel shows it beside the clock.</summary>
    public static string ClosingTime(TimeOnly? closeAt) =>
        closeAt is { } at ? "pukul " + Hm(at) : "tengah malam (Kiosk:DayCloseTime kosong)";

    /// <summary>
    /// What a jump of the kiosk's clock did, for the technician. Going back within a day is what a Pi without a
    /// real-time clock sees when NTP corrects it: the kiosk keeps numbering where it was (the queue order never comes
    /// from the clock), and a day it already closed stays closed until the next day; the lokets share the clock, so
    /// their commands are not refused as coming from a PC with a wrong clock.
    /// </summary>
    public static string ClockMoved(TimeOnly before, DateTimeOffset after, bool nextDay, TimeOnly? closeAt)
    {
        var to = TimeOnly.FromDateTime(after.DateTime);
        if (nextDay)
        {
            return $"Jam kiosk dimajukan ke hari berikutnya, {Kiosk.Device.Ticketing.IndonesianTime.Date(after)} pukul {Hm(to)}: " +
                "hari pelayanan sebelumnya ditutup, nomor antrean mulai lagi dari 001. Halaman loket masuk kembali untuk hari baru.";
        }

        var closing = closeAt is { } close ? $" Hari pelayanan ditutup pukul {Hm(close)}." : " Jam tutup tidak diatur (Kiosk:DayCloseTime kosong): hari pelayanan ditutup tengah malam.";
        if (to == before || (to.Hour == before.Hour && to.Minute == before.Minute))
        {
            return $"Jam kiosk sudah pukul {Hm(to)}; tidak ada yang berubah.";
        }

        if (to > before)
        {
            return closeAt is { } at && before < at && to >= at
                ? $"Jam kiosk dimajukan ke pukul {Hm(to)}. Jam tutup {Hm(at)} terlewati: kiosk menutup hari pelayanan (antrean yang masih menunggu kedaluwarsa, rekap harian ditulis). Tiket baru mulai hari berikutnya."
                : $"Jam kiosk dimajukan ke pukul {Hm(to)}.{closing}";
        }

        var stillClosed = closeAt is { } closedAt && before >= closedAt && to < closedAt
            ? $" Hari ini sudah ditutup pukul {Hm(closedAt)} dan tetap tertutup: jam yang mundur tidak membuka kembali hari yang sudah ditutup (seperti di kiosk sungguhan). Untuk melayani lagi, pakai \"hari berikutnya\"."
            : closing;
        return $"Jam kiosk dimundurkan ke pukul {Hm(to)} (hari yang sama). Nomor antrean tetap berlanjut tanpa nomor ganda, dan perintah loket tetap diterima (loket memakai jam yang sama).{stillClosed}";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Hm(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
