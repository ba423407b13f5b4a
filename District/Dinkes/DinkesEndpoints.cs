using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using Kiosk.Contract.District;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Npgsql;
using static Kiosk.District.Dinkes.DinkesHtml;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>
/// The Dinkes pages: login, the live dashboard and its SSE stream, a page per Puskesmas, the monthly report and its CSV.
/// Every refusal is an Indonesian page with a fitting status; a database that does not answer is a banner, never a 500.
/// </summary>
public static partial class DinkesEndpoints
{
    public const string SessionCookie = "dinkes_sesi";
    public const string StreamPath = "/dinkes/aliran";
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    /// <summary>The page files beside the program (pages/dinkes), each with its type; nothing else is served from there.</summary>
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["dinkes.css"] = "text/css; charset=utf-8",
        ["dinkes.js"] = "text/javascript; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/dinkes/berkas/{name}", (string name) => Files.TryGetValue(name, out var type)
            ? Results.File(Path.Combine(AppContext.BaseDirectory, "pages", "dinkes", name), type)
            : Error(StatusCodes.Status404NotFound, DinkesTeks.Staf.NotFoundTitle, DinkesWords.NotFound));

        app.MapGet("/dinkes/masuk", (HttpContext context, IAntiforgery antiforgery, string? kembali, string? sesi) =>
            Result(LoginPage(context, antiforgery, kembali, sesi == "0" ? DinkesWords.SessionInvalid : null)));
        app.MapPost("/dinkes/masuk", LoginAsync);

        var pages = app.MapGroup("/dinkes").RequireAuthorization();
        pages.MapPost("/keluar", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Error(StatusCodes.Status400BadRequest, "Keluar", DinkesWords.LoginFormExpired);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/dinkes/masuk", permanent: false, preserveMethod: false);
        });
        pages.MapGet("/", async (HttpContext context, DashboardReader reader, IAntiforgery antiforgery, IOptions<DinkesOptions> options) =>
        {
            var view = await reader.ReadAsync(context.RequestAborted);
            var body = $"<div id=\"isi\">{DashboardHtml.Render(view, options.Value.Zone())}</div>"
                + "<p id=\"sambungan\" class=\"sambungan\" role=\"status\"></p>";
            return Result(Page(DinkesTeks.Staf.DashboardTitle, body, Who(context), LogoutToken(context, antiforgery), live: true),
                view.DatabaseReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        pages.MapGet("/aliran", (HttpContext context, DashboardFeed feed, IOptions<DinkesOptions> options) =>
            TypedResults.ServerSentEvents(StreamAsync(feed, options.Value.Zone(), context.RequestAborted)));
        pages.MapGet("/puskesmas/{site}", SiteAsync);
        pages.MapGet("/laporan", ReportAsync);
        pages.MapGet("/laporan.csv", ReportCsvAsync);
        app.MapFallback("/dinkes/{**rest}", () => Error(StatusCodes.Status404NotFound, DinkesTeks.Staf.NotFoundTitle, DinkesWords.NotFound));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(DashboardFeed feed, TimeZoneInfo zone, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watcher = await feed.WatchAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            DashboardView? view = null;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                beat.CancelAfter(Heartbeat);
                try
                {
                    view = await watcher.Views.ReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing new for a while: a heartbeat lets the page notice a dead server.
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }

            yield return view is null ? new SseItem<string>("{}", "detak") : new SseItem<string>(DashboardHtml.Render(view, zone), "dasbor");
        }
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, DinkesUsers users, DinkesLoginThrottle throttle)
    {
        if (!context.Request.HasFormContentType)
        {
            return Result(LoginPage(context, antiforgery, null, DinkesWords.LoginFormExpired), StatusCodes.Status400BadRequest);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Result(LoginPage(context, antiforgery, null, DinkesWords.LoginFormExpired), StatusCodes.Status400BadRequest);
        }

        var returnTo = form["kembali"].ToString();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Result(LoginPage(context, antiforgery, returnTo, DinkesWords.LoginFormExpired), StatusCodes.Status400BadRequest);
        }

        var user = form["pengguna"].ToString().Trim().ToLowerInvariant();
        var password = form["sandi"].ToString();
        if (user.Length == 0 || password.Length == 0)
        {
            return Result(LoginPage(context, antiforgery, returnTo, DinkesWords.LoginEmpty, user), StatusCodes.Status400BadRequest);
        }

        // A name that cannot exist is counted under one key, so odd names cannot grow the throttle's memory.
        var key = DinkesUsers.IsUserName(user) ? user : "?";
        var address = DinkesLoginThrottle.AddressKey(context.Connection.RemoteIpAddress);
        if (!throttle.TryBegin(key, address, out var wait))
        {
            var seconds = DinkesLoginThrottle.Seconds(wait);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Result(LoginPage(context, antiforgery, returnTo, DinkesWords.TooManyAttempts(seconds), user), StatusCodes.Status429TooManyRequests);
        }

        bool? accepted = null;
        DinkesUser? found = null;
        try
        {
            found = key == "?" || password.Length > DinkesUsers.MaxPasswordLength ? null : await users.VerifyAsync(user, password, context.RequestAborted);
            accepted = found is not null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return Result(LoginPage(context, antiforgery, returnTo, DinkesWords.DatabaseUnreachable, user), StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            throttle.Finish(key, address, accepted);
        }

        if (found is null)
        {
            return Result(LoginPage(context, antiforgery, returnTo, DinkesWords.LoginRefused, user), StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, found.UserName), new Claim(ClaimTypes.GivenName, found.DisplayName)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect(IsOwnPage(returnTo) ? returnTo : "/dinkes", permanent: false, preserveMethod: false);
    }

    /// <summary>Only our own pages are a place to return to after login (never another host: no open redirect).</summary>
    private static bool IsOwnPage(string? path) =>
        path is { Length: > 0 and < 300 } && path.StartsWith("/dinkes", StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.Contains('\\', StringComparison.Ordinal) && !path.Any(char.IsControl);

    private static string LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnTo, string? message, string? user = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = new StringBuilder();
        if (message is not null)
        {
            body.Append("<p class=\"pesan\" role=\"alert\">").Append(E(message)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"/dinkes/masuk\" class=\"masuk\">")
            .Append("<input type=\"hidden\" name=\"").Append(E(tokens.FormFieldName)).Append("\" value=\"").Append(E(tokens.RequestToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"kembali\" value=\"").Append(E(IsOwnPage(returnTo) ? returnTo : "/dinkes")).Append("\">")
            .Append("<label for=\"pengguna\">Nama pengguna</label><input id=\"pengguna\" name=\"pengguna\" autocomplete=\"username\" required maxlength=\"64\" value=\"")
            .Append(E(user)).Append("\">")
            .Append("<label for=\"sandi\">Kata sandi</label><input id=\"sandi\" name=\"sandi\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"200\">")
            .Append("<button type=\"submit\">Masuk</button></form>")
            .Append("<p class=\"catatan\">").Append(DinkesTeks.Staf.AccountsByTechnician).Append("</p>");
        return Page("Masuk ke dasbor Dinkes", body.ToString());
    }

    private static async Task<IResult> SiteAsync(HttpContext context, string site, SiteTimeline timeline, IAntiforgery antiforgery, IOptions<DinkesOptions> options)
    {
        if (!DistrictSubjects.IsToken(site))
        {
            return Error(StatusCodes.Status404NotFound, DinkesTeks.Staf.UnknownSiteTitle, DinkesWords.UnknownSite);
        }

        SiteDay? day;
        try
        {
            day = await timeline.ReadAsync(site, context.RequestAborted);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "Basis data", DinkesWords.DatabaseUnreachable);
        }

        if (day is null)
        {
            return Error(StatusCodes.Status404NotFound, DinkesTeks.Staf.UnknownSiteTitle, DinkesWords.UnknownSite);
        }

        var zone = options.Value.Zone();
        var body = new StringBuilder();
        body.Append("<p>").Append(E(day.Day.ToString("dddd, d MMMM yyyy", Indonesian))).Append(" · kode ").Append(E(day.Site)).Append("</p>");
        body.Append("<section aria-labelledby=\"judul-jam\"><h2 id=\"judul-jam\">Per jam</h2>");
        if (day.Hours.Count == 0)
        {
            body.Append("<p>").Append(DinkesTeks.Staf.NoTicketsToday).Append("</p>");
        }
        else
        {
            body.Append("<div class=\"gulir\" role=\"region\" aria-labelledby=\"judul-jam\" tabindex=\"0\"><table><thead><tr>");
            foreach (var column in new[] { DinkesTeks.Staf.ColumnHour, DinkesTeks.Staf.ColumnIssued, DinkesTeks.Staf.ColumnCalled, DinkesTeks.Staf.ColumnServed })
            {
                body.Append("<th scope=\"col\">").Append(column).Append("</th>");
            }

            body.Append("</tr></thead><tbody>");
            foreach (var hour in day.Hours)
            {
                body.Append("<tr><th scope=\"row\">").Append(hour.Hour.ToString("00", Indonesian)).Append(".00–").Append((hour.Hour + 1).ToString("00", Indonesian)).Append(".00</th>")
                    .Append("<td data-label=\"").Append(DinkesTeks.Staf.ColumnIssued).Append("\">").Append(N(hour.Issued)).Append("</td><td data-label=\"").Append(DinkesTeks.Staf.ColumnCalled).Append("\">").Append(N(hour.Called))
                    .Append("</td><td data-label=\"").Append(DinkesTeks.Staf.ColumnServed).Append("\">").Append(N(hour.Served)).Append("</td></tr>");
            }

            body.Append("</tbody></table></div>");
        }

        body.Append("</section><section aria-labelledby=\"judul-kejadian\"><h2 id=\"judul-kejadian\">Kejadian penting</h2>");
        if (day.Notes.Count == 0)
        {
            body.Append("<p>").Append(DinkesTeks.Staf.NoNotesToday).Append("</p>");
        }
        else
        {
            body.Append("<ul class=\"kejadian\">");
            foreach (var note in day.Notes)
            {
                body.Append("<li").Append(note.Ongoing ? " class=\"bahaya\"" : string.Empty).Append("><time>").Append(DinkesWords.Clock(note.At, zone)).Append("</time> ")
                    .Append(E(note.Text)).Append(note.Ongoing ? " (masih berlangsung)" : string.Empty).Append("</li>");
            }

            body.Append("</ul>");
        }

        body.Append("</section><p><a href=\"/dinkes\">Kembali ke dasbor</a></p>");
        return Result(Page(day.Name, body.ToString(), Who(context), LogoutToken(context, antiforgery)));
    }

    private static async Task<IResult> ReportAsync(HttpContext context, MonthlyReport report, IAntiforgery antiforgery, TimeProvider time, IOptions<DinkesOptions> options, string? bulan)
    {
        if (!TryMonth(bulan, time, options.Value, out var month))
        {
            return Error(StatusCodes.Status400BadRequest, "Laporan bulanan", DinkesWords.BadMonth);
        }

        IReadOnlyList<ReportRow> rows;
        try
        {
            rows = await report.ReadAsync(month, context.RequestAborted);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "Laporan bulanan", DinkesWords.DatabaseUnreachable);
        }

        var key = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"/dinkes/laporan\" class=\"bulan\"><label for=\"bulan\">Bulan</label>")
            .Append("<input id=\"bulan\" name=\"bulan\" type=\"month\" value=\"").Append(key).Append("\"><button type=\"submit\">Tampilkan</button></form>")
            .Append("<p><a href=\"/dinkes/laporan.csv?bulan=").Append(key).Append("\" download>").Append(E(DinkesTeks.Staf.DownloadCsv(month.ToString("MMMM yyyy", Indonesian)))).Append("</a></p>");
        if (rows.Count == 0)
        {
            body.Append("<p>").Append(DinkesTeks.Staf.NoVisitsThisMonth).Append("</p>");
        }
        else
        {
            body.Append("<div class=\"gulir\" role=\"region\" aria-label=\"Laporan bulanan\" tabindex=\"0\"><table class=\"laporan\"><thead><tr>");
            foreach (var header in ReportCsv.Headers.Where(h => h != DinkesTeks.Staf.HeaderSiteCode))
            {
                body.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
            }

            body.Append("</tr></thead><tbody>");
            foreach (var row in rows)
            {
                body.Append("<tr><th scope=\"row\">").Append(E(row.SiteName)).Append("</th>");
                string[] cells =
                [
                    row.ServiceCode, N(row.Visits), N(row.New), N(row.Returning), N(row.Bpjs), N(row.Umum),
                    ReportCsv.Number(row.MedianWaitMinutes), ReportCsv.Number(row.P90WaitMinutes),
                    ReportCsv.Number(row.MedianServiceMinutes), ReportCsv.Number(row.P90ServiceMinutes),
                    row.TargetMinutes?.ToString(Indonesian) ?? "—", ReportCsv.Number(row.WithinTargetShare * 100),
                    N(row.NoShows), N(row.TransfersToPoli),
                ];
                var headers = ReportCsv.Headers.Skip(2).ToList();
                for (var i = 0; i < cells.Length; i++)
                {
                    body.Append("<td data-label=\"").Append(E(headers[i])).Append("\">").Append(E(cells[i].Length == 0 ? "—" : cells[i])).Append("</td>");
                }

                body.Append("</tr>");
            }

            body.Append("</tbody></table></div>");
        }

        return Result(Page($"Laporan bulanan {month.ToString("MMMM yyyy", Indonesian)}", body.ToString(), Who(context), LogoutToken(context, antiforgery)));
    }

    private static async Task<IResult> ReportCsvAsync(HttpContext context, MonthlyReport report, TimeProvider time, IOptions<DinkesOptions> options, string? bulan)
    {
        if (!TryMonth(bulan, time, options.Value, out var month))
        {
            return Error(StatusCodes.Status400BadRequest, "Laporan bulanan", DinkesWords.BadMonth);
        }

        try
        {
            var rows = await report.ReadAsync(month, context.RequestAborted);
            var name = $"laporan-antrean-{month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}.csv";
            return Results.File(ReportCsv.Write(rows), "text/csv; charset=utf-8", name);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "Laporan bulanan", DinkesWords.DatabaseUnreachable);
        }
    }

    /// <summary>No month: this month in the district's time zone; a month given must be well formed.</summary>
    private static bool TryMonth(string? text, TimeProvider time, DinkesOptions options, out DateOnly month)
    {
        if (string.IsNullOrEmpty(text))
        {
            var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Zone());
            month = new DateOnly(today.Year, today.Month, 1);
            return true;
        }

        return MonthlyReport.TryParseMonth(text, out month);
    }

    private static string Who(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.GivenName) ?? context.User.Identity?.Name ?? string.Empty;

    private static string? LogoutToken(HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken;
}
