using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>The page frame every Dinkes page shares (Bahasa Indonesia, one stylesheet, readable at 1366×768 and on a phone).</summary>
public static class DinkesHtml
{
    private const string Stylesheet = "/dinkes/berkas/dinkes.css";

    private const string Script = "/dinkes/berkas/dinkes.js";

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string N(long value) => value.ToString("N0", Indonesian);

    public static CultureInfo Indonesian { get; } = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>A whole page. <paramref name="who"/> is the signed-in officer (null on the login and error pages).</summary>
    public static string Page(string title, string body, string? who = null, string? logoutToken = null, bool live = false)
    {
        var page = new StringBuilder(4096);
        page.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · Dinkes</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Stylesheet).Append("\">");
        if (live)
        {
            page.Append("<script src=\"").Append(Script).Append("\" defer></script>");
        }

        page.Append("</head><body><header class=\"kepala\"><p class=\"merek\"><a href=\"/dinkes\">").Append(DinkesTeks.Staf.Brand).Append("</a></p>");
        if (who is not null)
        {
            page.Append("<nav aria-label=\"Menu utama\"><a href=\"/dinkes\">Dasbor</a> <a href=\"/dinkes/laporan\">Laporan bulanan</a></nav>")
                .Append("<form method=\"post\" action=\"/dinkes/keluar\" class=\"keluar\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"")
                .Append(E(logoutToken)).Append("\"><span>").Append(E(who)).Append("</span> <button type=\"submit\">Keluar</button></form>");
        }

        page.Append("</header><main id=\"utama\"><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return page.ToString();
    }

    public static IResult Result(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>An error page: one clear sentence and the way back.</summary>
    public static IResult Error(int status, string title, string message) =>
        Result(Page(title, $"<p class=\"pesan\" role=\"alert\">{E(message)}</p><p><a href=\"/dinkes\">Kembali ke dasbor</a></p>"), status);
}
