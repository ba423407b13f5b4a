using System.Globalization;

namespace Kiosk.Simulator.Text;

/// <summary>
/// What the simulator says to a technician or developer, in Bahasa Indonesia: its command line and its front panel.
/// Kiosk settings and their errors, and what the kiosk tells a patient, are worded by Kiosk.Device's Teks, the same as
/// on the Pi.
/// </summary>
public static class SimulatorTeks
{
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

    private static string Hm(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
