using Kiosk.Contract;
using Kiosk.Screens.Text;

namespace Kiosk.Screens.Sessions;

/// <summary>What the lokets and the waiting room are told about the kiosks, composed from their status fields (never
/// from the kiosk's free text, which may carry a technician's detail).</summary>
/// <param name="Officer">The loket banner: what is wrong and what to do; null when all is well.</param>
/// <param name="Patient">The waiting-room line; null unless patients cannot get a ticket at a kiosk.</param>
/// <param name="CanServePatients">False while no kiosk can give a printed ticket: the loket page offers the manual number.</param>
/// <param name="Severe">True for a fault that stops tickets (red banner); false for a warning (paper low).</param>
public sealed record KioskNotice(string? Officer, string? Patient, bool CanServePatients, bool Severe)
{
    public static KioskNotice None { get; } = new(null, null, true, false);

    /// <summary>
    /// The notice for the kiosks known so far. No status at all (a host started before any kiosk ever ran) is "not
    /// connected"; with several kiosks, patients are sent to the loket only when none of them can print.
    /// </summary>
    public static KioskNotice For(IReadOnlyCollection<KioskCondition> kiosks, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(kiosks);
        ArgumentNullException.ThrowIfNull(zone);
        if (kiosks.Count == 0)
        {
            return new KioskNotice(Teks.KioskNeverSeen, Teks.PatientGoToLoket, false, true);
        }

        var named = kiosks.Count > 1;
        var lines = kiosks.OrderBy(k => k.KioskId, StringComparer.Ordinal)
            .Select(k => Line(k, now, zone) is { } line ? named ? $"{k.KioskId}: {line}" : line : null)
            .Where(l => l is not null)
            .ToList();
        var canServe = kiosks.Any(k => k.CanServePatients(now));
        if (lines.Count == 0)
        {
            return None;
        }

        return new KioskNotice(string.Join(" ", lines), canServe ? null : Teks.PatientGoToLoket, canServe, !canServe);
    }

    private static string? Line(KioskCondition kiosk, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (!kiosk.Online)
        {
            return Teks.KioskOffline;
        }

        if (kiosk.IsStale(now))
        {
            return Teks.KioskSilent(TimeZoneInfo.ConvertTime(kiosk.At, zone));
        }

        var printer = kiosk.Printer switch
        {
            PrinterCondition.PaperLow => Teks.PrinterPaperLow,
            PrinterCondition.PaperOut => Teks.PrinterPaperOut,
            PrinterCondition.CoverOpen => Teks.PrinterCoverOpen,
            PrinterCondition.CutterError => Teks.PrinterCutterError,
            PrinterCondition.Offline => Teks.PrinterOffline,
            _ => null,
        };
        return kiosk.UnprintedTickets > 0 && printer is not null ? $"{printer} {Teks.Unprinted(kiosk.UnprintedTickets)}" : printer;
    }
}
