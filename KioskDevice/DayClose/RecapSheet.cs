using System.Globalization;
using Kiosk.Device.Ticketing;
using Kiosk.Queue.Statistics;

namespace Kiosk.Device.DayClose;

/// <summary>
/// The recap's words and figures as the head of the Puskesmas reads them, once, for the HTML page and the thermal
/// print: labels from the configuration (never code names), durations as "5 mnt" or "1 jam 12 mnt".
/// </summary>
public static class RecapSheet
{
    public const string NoData = "Tidak ada data: tidak ada nomor antrean yang diambil pada hari ini.";

    public static string Title(string siteName, DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        return $"Rekap Harian Pendaftaran — {siteName} — {IndonesianTime.Date(recap.BusinessDay)}";
    }

    public static IReadOnlyList<RecapSection> Sections(DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        return
        [
            new("Ringkasan", ["Keterangan", "Jumlah"],
            [
                ["Nomor diambil", N(recap.Issued)],
                ["Jumlah pengunjung (termasuk keluarga)", N(recap.Visitors)],
                ["Selesai dilayani", N(recap.Served)],
                ["Tidak hadir", N(recap.NoShow)],
                ["Diteruskan ke poli", N(recap.Transferred)],
                ["Dibatalkan", N(recap.Cancelled)],
                ["Kedaluwarsa (belum dipanggil saat tutup)", N(recap.Expired)],
                ["Batal karena gagal cetak", N(recap.Voided)],
                ["Gawat darurat / pendaftaran manual", N(recap.Emergency)],
                ["Jam tersibuk", recap.BusiestHour is { } hour ? $"{hour:00}.00-{hour + 1:00}.00" : "-"],
            ]),
            new("Waktu tunggu dan waktu pelayanan", ["Ukuran", "Rata-rata", "Persentil 90"],
            [
                ["Waktu tunggu (ambil nomor - dipanggil)", Duration(recap.Overall.AverageWait), Duration(recap.Overall.P90Wait)],
                ["Waktu pelayanan (dipanggil - selesai)", Duration(recap.Overall.AverageService), Duration(recap.Overall.P90Service)],
            ], $"Pelayanan sesuai standar waktu SOP: {Share(recap.Overall.WithinTargetShare)}"),
            new("Per layanan", ["Layanan", "Diambil", "Dilayani", "Tidak hadir", "Diteruskan", "Batal", "Kedaluwarsa", "Darurat", "Rata-rata tunggu", "Rata-rata layanan", "Sesuai SOP"],
                recap.Services.Select(s => new[]
                {
                    s.Name, N(s.Issued), N(s.Served), N(s.NoShow), N(s.Transferred), N(s.Cancelled), N(s.Expired), N(s.Emergency),
                    Duration(s.Times.AverageWait), Duration(s.Times.AverageService), Share(s.Times.WithinTargetShare),
                }).ToList()),
            Counts("Per kategori pasien", "Kategori", recap.ByCategory),
            Counts("Per penjamin", "Penjamin", recap.ByPayer),
            Counts("Per prioritas", "Prioritas", recap.ByPriority),
            new("Per jam", ["Jam", "Diambil", "Dipanggil", "Rata-rata tunggu", "Rata-rata layanan"],
                recap.Hours.Select(h => new[] { $"{h.Hour:00}.00", N(h.Issued), N(h.Called), Duration(h.AverageWait), Duration(h.AverageService) }).ToList()),
        ];
    }

    /// <summary>"< 1 mnt", "5 mnt", "1 jam 12 mnt" (rounded to the minute: the head of the Puskesmas reads minutes, not seconds).</summary>
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } v)
        {
            return "-";
        }

        var minutes = (int)Math.Round(v.TotalMinutes, MidpointRounding.AwayFromZero);
        return minutes switch
        {
            < 1 => "< 1 mnt",
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{minutes} mnt"),
            _ when minutes % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} jam"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} jam {minutes % 60} mnt"),
        };
    }

    private static RecapSection Counts(string caption, string what, IReadOnlyList<CountRow> rows) =>
        new(caption, [what, "Jumlah"], rows.Select(r => new[] { r.Label, N(r.Count) }).ToList());

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0.#}%") : "-";
}

/// <summary>One table of the recap: a caption, column heads, rows, and an optional sentence under it.</summary>
public sealed record RecapSection(string Caption, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, string? Note = null);
