using System.Globalization;
using System.Text;
using Kiosk.Queue.Statistics;

namespace Kiosk.Simulator.Scenarios;

/// <summary>What a scenario run found: the kiosk's own recap, the run's counts, SOP compliance and broken invariants.</summary>
public sealed class ScenarioReport
{
    public required string Scenario { get; init; }

    /// <summary>The kiosk's recap of the day, read after the day close when the scenario crosses it.</summary>
    public required DailyRecap Recap { get; init; }

    /// <summary>The day close, when the scenario has a closing time.</summary>
    public DayCloseOutcome? DayClose { get; init; }

    public required int Patients { get; init; }

    public required int TicketsPrinted { get; init; }

    public required int PrintFailures { get; init; }

    public required int Refusals { get; init; }

    public required int WentHome { get; init; }

    public required int Commands { get; init; }

    /// <summary>Tickets still waiting when the last loket went home: zero when every patient was seen.</summary>
    public required int WaitingAtEnd { get; init; }

    public required int EventsCommitted { get; init; }

    public required int EventsReceived { get; init; }

    public required int DuplicateDeliveries { get; init; }

    public required IReadOnlyList<string> BrokenInvariants { get; init; }

    public required TimeSpan WallTime { get; init; }

    public required long KioskMemoryBytes { get; init; }

    public double EventsPerSecond => EventsCommitted / Math.Max(0.001, WallTime.TotalSeconds);

    public string Render()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"== Skenario {Scenario}: hari {Recap.BusinessDay:yyyy-MM-dd} ==");
        text.AppendLine(c, $"Pasien datang {Patients}, tiket tercetak {TicketsPrinted}, gagal cetak {PrintFailures}, ditolak saat printer bermasalah {Refusals}, pulang tanpa nomor {WentHome}");
        if (DayClose is { } close)
        {
            text.AppendLine(c, $"Tutup hari pukul {close.ClosedAt:HH:mm} (jam kiosk): {(close.DayClosed ? "hari ditutup" : "HARI TIDAK DITUTUP")}, {close.WaitingAtClose} tiket masih menunggu saat tutup, rekap harian {(close.RecapFile is null ? "TIDAK tertulis" : "tertulis di " + close.RecapFile)}, peristiwa day.recap {close.RecapEventsReceived}/{close.RecapEventsCommitted} sampai ke layar");
        }

        text.AppendLine(c, $"Rekap kiosk{(DayClose is null ? string.Empty : " setelah tutup hari")}: terbit {Recap.Issued}, dilayani {Recap.Served}, diteruskan ke poli {Recap.Transferred}, tidak hadir {Recap.NoShow}, darurat {Recap.Emergency}, batal {Recap.Cancelled}, kedaluwarsa {Recap.Expired}, dibatalkan otomatis {Recap.Voided}");
        text.AppendLine("Kepatuhan SOP (waktu layanan dalam target):");
        foreach (var service in Recap.Services.Where(s => s.Issued > 0))
        {
            text.AppendLine(c, $"  {service.Code,-8} {service.Name,-28} terbit {service.Issued,4}  tunggu rata-rata {Minutes(service.Times.AverageWait)}  layanan rata-rata {Minutes(service.Times.AverageService)} (target {service.SopTarget.TotalMinutes:0} mnt)  dalam target {Share(service.Times.WithinTargetShare)}");
        }

        text.AppendLine(c, $"Masih menunggu di akhir hari: {WaitingAtEnd}");
        text.AppendLine(c, $"Peristiwa: {EventsCommitted} tercatat, {EventsReceived} diterima layar ({DuplicateDeliveries} kiriman ganda dibuang), perintah loket {Commands}");
        text.AppendLine(c, $"Waktu nyata {WallTime.TotalSeconds:0.0} s, {EventsPerSecond:0} peristiwa/s, memori proses kiosk di akhir hari {KioskMemoryBytes / 1048576.0:0.0} MiB");
        if (BrokenInvariants.Count == 0)
        {
            text.AppendLine("Invarian: semua terpenuhi (tidak ada nomor ganda, tidak ada peristiwa hilang atau terbalik, tidak ada panggilan tiket yang belum tercetak)");
        }
        else
        {
            text.AppendLine(c, $"INVARIAN DILANGGAR ({BrokenInvariants.Count}):");
            foreach (var broken in BrokenInvariants)
            {
                text.AppendLine(c, $"  - {broken}");
            }
        }

        return text.ToString();
    }

    private static string Minutes(TimeSpan? span) => span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalMinutes,5:0.0} mnt") : "    - ";

    private static string Share(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0}%") : "-";
}
