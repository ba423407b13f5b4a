using System.Text;
using static Kiosk.District.Dinkes.DinkesHtml;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>The live part of <c>/dinkes</c>: alerts and one row per Puskesmas (sent whole over SSE on each change).</summary>
public static class DashboardHtml
{
    public static string Render(DashboardView view, TimeZoneInfo zone)
    {
        var html = new StringBuilder(8192);
        foreach (var banner in view.Banners)
        {
            html.Append("<p class=\"banner\" role=\"alert\">").Append(E(banner)).Append("</p>");
        }

        html.Append("<p class=\"diperbarui\">Keadaan pukul ").Append(DinkesWords.Clock(view.Now, zone)).Append(", ")
            .Append(E(view.BusinessDay.ToString("dddd, d MMMM yyyy", Indonesian))).Append("</p>");

        html.Append("<section aria-labelledby=\"judul-peringatan\"><h2 id=\"judul-peringatan\">Peringatan</h2>");
        if (view.Alerts.Count == 0)
        {
            html.Append("<p class=\"tenang\">").Append(view.DatabaseReachable ? DinkesTeks.Staf.NoAlerts : DinkesTeks.Staf.AlertsNeedDatabase).Append("</p>");
        }
        else
        {
            html.Append("<ul class=\"peringatan\">");
            foreach (var alert in view.Alerts)
            {
                html.Append("<li class=\"").Append(Level(alert.Kind)).Append("\" data-situs=\"").Append(E(alert.Site)).Append("\">")
                    .Append(E(alert.Text)).Append(" <a href=\"/dinkes/puskesmas/").Append(E(alert.Site)).Append("\">Lihat ")
                    .Append(E(alert.SiteName)).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section><section aria-labelledby=\"judul-puskesmas\"><h2 id=\"judul-puskesmas\">Semua Puskesmas (")
            .Append(view.Sites.Count).Append(")</h2>");
        html.Append("<div class=\"gulir\" role=\"region\" aria-labelledby=\"judul-puskesmas\" tabindex=\"0\"><table class=\"dasbor\"><thead><tr>")
            .Append("<th scope=\"col\">Puskesmas</th><th scope=\"col\">Hari ini</th><th scope=\"col\">Menunggu</th>")
            .Append("<th scope=\"col\">").Append(DinkesTeks.Staf.ColumnLongestWait).Append("</th><th scope=\"col\">").Append(DinkesTeks.Staf.ColumnCalledLastHour).Append("</th><th scope=\"col\">Kiosk</th>")
            .Append("<th scope=\"col\">Printer</th><th scope=\"col\">Sambungan ke Dinkes</th></tr></thead><tbody>");
        foreach (var row in view.Sites)
        {
            html.Append("<tr data-situs=\"").Append(E(row.Site)).Append("\"><th scope=\"row\"><a href=\"/dinkes/puskesmas/").Append(E(row.Site)).Append("\">")
                .Append(E(row.Name)).Append("</a></th>");
            Cell(html, "Hari ini", row.OpenToday ? "Buka" : "Tutup");
            Cell(html, "Menunggu", Waiting(row));
            Cell(html, DinkesTeks.Staf.ColumnLongestWait, Longest(row.Longest), row.Longest is { OverTarget: true } ? "lewat" : null);
            Cell(html, DinkesTeks.Staf.ColumnCalledLastHour, N(row.CallsLastHour));
            Cell(html, "Kiosk", row.Kiosks.Count == 0 ? DinkesTeks.Staf.NoNewsYet : string.Join("; ", row.Kiosks.Select(k => Kiosk(k, zone))));
            Cell(html, "Printer", row.Kiosks.Count == 0 ? "—" : string.Join("; ", row.Kiosks.Select(Printer)),
                row.Kiosks.Any(k => k.CannotPrint && k.State != KioskState.Offline) ? "bahaya" : null);
            Cell(html, "Sambungan ke Dinkes", Link(row.Link, zone), row.Link is { Cut: true } ? "bahaya" : null);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></section>");
        return html.ToString();
    }

    private static string Level(AlertKind kind) => kind switch
    {
        AlertKind.CannotPrintWithWaiting or AlertKind.CannotPrint or AlertKind.LinkCut => "bahaya",
        _ => "waspada",
    };

    private static void Cell(StringBuilder html, string label, string text, string? css = null)
    {
        html.Append("<td data-label=\"").Append(E(label)).Append('"');
        if (css is not null)
        {
            html.Append(" class=\"").Append(css).Append('"');
        }

        html.Append('>').Append(E(text)).Append("</td>");
    }

    private static string Waiting(SiteRow row)
    {
        var services = row.Waiting.Where(w => w.Count > 0).ToList();
        return services.Count == 0 ? DinkesTeks.Staf.NobodyWaiting : string.Join(", ", services.Select(w => $"{w.ServiceCode} {w.Count}"));
    }

    private static string Longest(ServiceWaiting? longest) => longest switch
    {
        null => "—",
        { TargetMinutes: { } target } => $"{longest.ServiceCode} {DinkesWords.Minutes(longest.LongestWait)} (target {target} menit{(longest.OverTarget ? ", lewat" : string.Empty)})",
        _ => $"{longest.ServiceCode} {DinkesWords.Minutes(longest.LongestWait)}",
    };

    private static string Kiosk(KioskRow kiosk, TimeZoneInfo zone) => kiosk.State switch
    {
        KioskState.Online => $"{kiosk.KioskId}: menyala",
        KioskState.Stale => DinkesTeks.Staf.KioskStale(kiosk.KioskId, DinkesWords.Clock(kiosk.Since, zone)),
        _ => $"{kiosk.KioskId}: mati sejak {DinkesWords.Clock(kiosk.Since, zone)}",
    };

    private static string Printer(KioskRow kiosk) =>
        kiosk.State == KioskState.Offline ? DinkesTeks.Staf.PrinterOfOfflineKiosk(kiosk.KioskId) : $"{kiosk.KioskId}: {DinkesWords.Printer(kiosk.Printer)}";

    private static string Link(LinkRow? link, TimeZoneInfo zone) => link switch
    {
        null => DinkesTeks.Staf.NoNewsYet,
        { Cut: true } => $"Terputus sejak {DinkesWords.Clock(link.LastHeartbeat, zone)}" + (link.Backlog is > 0 ? DinkesTeks.Staf.LinkCutBacklog(N(link.Backlog.Value)) : string.Empty),
        { Backlog: > 0 } => DinkesTeks.Staf.LinkSending(N(link.Backlog.Value)),
        _ => "Tersambung, semua terkirim",
    };
}
