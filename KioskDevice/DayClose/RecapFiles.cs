using System.Globalization;
using System.Net;
using System.Text;
using Kiosk.Device.Ticketing;
using Kiosk.Queue.Statistics;

namespace Kiosk.Device.DayClose;

/// <summary>
/// The daily recap (rekap harian) the SOPs ask the loket to hand to the head of the Puskesmas, written as CSV (for
/// spreadsheets and e-Puskesmas reporting) and as a readable HTML page, under {DataDirectory}/rekap/.
/// </summary>
public static class RecapFiles
{
    public static string Folder(string dataDirectory) => Path.Combine(dataDirectory, "rekap");

    public static string CsvPath(string dataDirectory, DateOnly day) => Path.Combine(Folder(dataDirectory), $"rekap-{day:yyyy-MM-dd}.csv");

    public static string HtmlPath(string dataDirectory, DateOnly day) => Path.Combine(Folder(dataDirectory), $"rekap-{day:yyyy-MM-dd}.html");

    /// <summary>Writes both files through a temporary name and a rename, so a power cut never leaves half a recap.</summary>
    public static (string Csv, string Html) Write(string dataDirectory, string siteName, DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        Directory.CreateDirectory(Folder(dataDirectory));
        var csvPath = CsvPath(dataDirectory, recap.BusinessDay);
        var htmlPath = HtmlPath(dataDirectory, recap.BusinessDay);
        WriteAtomically(csvPath, writer => DailyRecapCsv.Write(recap, writer));
        WriteAtomically(htmlPath, writer => writer.Write(ToHtml(siteName, recap)));
        return (csvPath, htmlPath);
    }

    public static string ToHtml(string siteName, DailyRecap recap)
    {
        ArgumentNullException.ThrowIfNull(recap);
        var html = new StringBuilder();
        var title = RecapSheet.Title(siteName, recap);
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #999;padding:.3em .6em;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("caption{font-weight:bold;text-align:left;margin-bottom:.3em}</style></head><body>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        if (recap.HasNoData)
        {
            html.Append("<p><b>").Append(E(RecapSheet.NoData)).Append("</b></p></body></html>\n");
            return html.ToString();
        }

        foreach (var section in RecapSheet.Sections(recap))
        {
            Table(html, section.Caption, section.Header, section.Rows);
            if (section.Note is { } note)
            {
                html.Append("<p>").Append(E(note)).Append("</p>");
            }
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, string caption, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        html.Append("<table><caption>").Append(E(caption)).Append("</caption><tr>");
        foreach (var cell in header)
        {
            html.Append("<th>").Append(E(cell)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            write(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
