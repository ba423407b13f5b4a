using System.Text.Json;
using Kiosk.Screens.Configuration;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Text;
using Kiosk.Screens.Views;
using Kiosk.Screens.Voice;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Endpoints;

/// <summary>
/// The HTTP surface: two pages, their SSE streams, the loket's login and commands, and the voice clips. Every refusal
/// is JSON <c>{"pesan": "..."}</c> in Bahasa Indonesia with a fitting status code.
/// </summary>
public static partial class ScreenEndpoints
{
    /// <summary>
    /// One cookie per counter (<c>loket_sesi_3</c>): several loket pages in one browser (the simulator's window, a
    /// supervisor's tabs) each keep their own login instead of the last login taking over every page.
    /// </summary>
    public const string SessionCookiePrefix = "loket_sesi_";

    public static string SessionCookie(int counter) => SessionCookiePrefix + counter.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Largest body a page ever needs (a command with a reason); anything larger is refused.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>Kestrel's hard limit: a body beyond it is not even read to the end (the connection is dropped).</summary>
    public const long HardBodyLimitBytes = 1024 * 1024;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Redirect("/loket"));
        app.MapGet("/loket", (IWebHostEnvironment env) => Results.File(Path.Combine(env.WebRootPath, "loket.html"), "text/html; charset=utf-8"));
        app.MapGet("/layar", (IWebHostEnvironment env) => Results.File(Path.Combine(env.WebRootPath, "layar.html"), "text/html; charset=utf-8"));
        app.MapGet("/health", () => Results.Text("ok"));

        app.MapGet("/api/konfigurasi", (IOptions<ScreensOptions> options) => Results.Json(
            new { siteName = options.Value.SiteName, timeZone = options.Value.TimeZone, runningText = options.Value.RunningText, announceMaxAgeSeconds = options.Value.AnnounceMaxAgeSeconds }, ScreensJson.Options));

        app.MapGet("/suara/{name}.wav", (string name, ClipLibrary clips) =>
            clips.TryFind(name, out var path) ? Results.File(path, "audio/wav") : Refuse(StatusCodes.Status404NotFound, Teks.ClipMissing(name)));

        // One call as one joined WAV; the key is checked before any file is looked at.
        app.MapGet(AnnouncementAudio.RoutePrefix + "{key}.wav", (string key, AnnouncementAudio audio) => audio.Get(key) switch
        {
            { Outcome: AudioOutcome.Joined, Wav: { } wav } => Results.File(wav, "audio/wav"),
            { Outcome: AudioOutcome.UnknownClip, Clip: { } clip } => Refuse(StatusCodes.Status404NotFound, Teks.ClipMissing(clip)),
            { Outcome: AudioOutcome.UnreadableClip, Clip: { } clip } => Refuse(StatusCodes.Status500InternalServerError, Teks.ClipUnreadable(clip)),
            _ => Refuse(StatusCodes.Status400BadRequest, Teks.BadAnnouncementKey),
        });

        app.MapGet("/api/layar/aliran", (HttpContext context, DisplaySession display) =>
        {
            var subscriber = display.Browsers.Subscribe(Teks.Teknisi.DisplayBrowser(Endpoint(context)), display.Current(), context.Abort);
            return TypedResults.ServerSentEvents(ScreenStreams.ReadAsync(subscriber, context.RequestAborted));
        });

        app.MapPost("/api/loket/masuk", LoginAsync);
        app.MapGet("/loket/masuk-tiket", LoginWithTicketAsync);
        app.MapPost("/api/loket/keluar", async (HttpContext context, LoketSessions sessions) =>
        {
            // The page sends "{}"; a body that is not a JSON object is refused like on every other POST.
            if ((await ReadBodyAsync<LogoutRequest>(context)).Error is { } error)
            {
                return error;
            }

            if (await FindSessionAsync(context, sessions, PageCounter(context)) is { } session)
            {
                await sessions.LogoutAsync(session.Token);
                context.Response.Cookies.Delete(SessionCookie(session.Counter));
            }

            return Results.Json(new { pesan = Teks.LoggedOut }, ScreensJson.Options);
        });
        app.MapGet("/api/loket/sesi", async (HttpContext context, LoketSessions sessions) =>
            await FindSessionAsync(context, sessions, PageCounter(context)) is { } session
                ? Results.Json(new { counter = session.Counter }, ScreensJson.Options)
                : Refuse(StatusCodes.Status401Unauthorized, Teks.NotLoggedIn));
        app.MapGet("/api/loket/aliran", async (HttpContext context, LoketSessions sessions) =>
        {
            if (await FindSessionAsync(context, sessions, PageCounter(context)) is not { } session)
            {
                return Refuse(StatusCodes.Status401Unauthorized, Teks.NotLoggedIn);
            }

            var subscriber = session.Browsers.Subscribe(Teks.Teknisi.CounterBrowser(session.Counter, Endpoint(context)), session.Current(), context.Abort);
            return TypedResults.ServerSentEvents(ScreenStreams.ReadAsync(subscriber, context.RequestAborted));
        });
        app.MapPost("/api/loket/{counter:int}/perintah", CommandAsync);
    }

    /// <summary>
    /// The login form. A counter or address locked by <see cref="LoginThrottle"/> is refused with 429 before the password
    /// is looked at and before the broker is asked; otherwise the broker's answer is recorded for the next attempt.
    /// </summary>
    private static async Task<IResult> LoginAsync(HttpContext context, LoketSessions sessions, LoginThrottle throttle)
    {
        var (form, error) = await ReadBodyAsync<LoginRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (form!.Counter is not { } counter || counter is < 1 or > LoketSessions.MaxCounter)
        {
            return Refuse(StatusCodes.Status400BadRequest, Teks.LoginBadCounter);
        }

        if (string.IsNullOrEmpty(form.Password) || form.Password.Length > 200)
        {
            return Refuse(StatusCodes.Status400BadRequest, Teks.LoginNoPassword);
        }

        var address = LoginThrottle.AddressKey(context.Connection.RemoteIpAddress);
        if (!throttle.TryBegin(counter, address, out var wait))
        {
            context.Response.Headers.RetryAfter = LoginThrottle.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, LoginThrottle.Message(wait));
        }

        var outcome = LoginOutcome.Unreachable;
        LoketSession? session;
        try
        {
            (outcome, session) = await sessions.LoginAsync(counter, form.Password, context.RequestAborted);
        }
        finally
        {
            throttle.Finish(counter, address, outcome);
        }

        switch (outcome)
        {
            case LoginOutcome.Refused:
                return Refuse(StatusCodes.Status401Unauthorized, Teks.LoginRefused);
            case LoginOutcome.Unreachable:
                return Refuse(StatusCodes.Status503ServiceUnavailable, Teks.LoginUnreachable);
        }

        SetSessionCookie(context, session!);
        return Results.Json(new { counter = session!.Counter }, ScreensJson.Options);
    }

    /// <summary>
    /// A page opened with a one-time ticket from <see cref="LoginTickets"/> (only a program hosting this host in its own
    /// process can make one): logs in through the broker as the form would, then shows the loket page. A page that is
    /// already logged in as that counter keeps its session; a bad or used ticket shows the login form. Not counted by
    /// <see cref="LoginThrottle"/>: a ticket is 256 random bits made in-process, not a password guess, and a locked
    /// counter must not keep the simulator's own pages out.
    /// </summary>
    private static async Task<IResult> LoginWithTicketAsync(HttpContext context, LoketSessions sessions, LoginTickets tickets)
    {
        if (!tickets.TryRedeem(context.Request.Query["tiket"].ToString(), out var counter, out var password))
        {
            return Results.Redirect("/loket");
        }

        var page = "/loket?loket=" + counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await sessions.FindAsync(context.Request.Cookies[SessionCookie(counter)]) is not null)
        {
            return Results.Redirect(page);
        }

        var (outcome, session) = await sessions.LoginAsync(counter, password, context.RequestAborted);
        if (outcome == LoginOutcome.Accepted)
        {
            SetSessionCookie(context, session!);
        }

        return Results.Redirect(page);
    }

    private static void SetSessionCookie(HttpContext context, LoketSession session) =>
        context.Response.Cookies.Append(SessionCookie(session.Counter), session.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Expires = session.ExpiresAt,
            Path = "/",
        });

    /// <summary>The counter a page says it is (<c>?loket=N</c>), when it says so.</summary>
    private static int? PageCounter(HttpContext context) =>
        int.TryParse(context.Request.Query["loket"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var counter) ? counter : null;

    /// <summary>
    /// The session of the counter the page names. A page that names none gets whichever loket this browser is logged in
    /// as (a single loket PC needs no parameter); a command for another counter finds the page's own session, so it is
    /// refused as forged rather than as logged out.
    /// </summary>
    private static async Task<LoketSession?> FindSessionAsync(HttpContext context, LoketSessions sessions, int? counter, bool anyLoket = false)
    {
        if (counter is { } named)
        {
            if (await sessions.FindAsync(context.Request.Cookies[SessionCookie(named)]) is { } session)
            {
                return session;
            }

            if (!anyLoket)
            {
                return null;
            }
        }

        foreach (var (name, token) in context.Request.Cookies)
        {
            if (name.StartsWith(SessionCookiePrefix, StringComparison.Ordinal) && await sessions.FindAsync(token) is { } other)
            {
                return other;
            }
        }

        return null;
    }

    private static async Task<IResult> CommandAsync(int counter, HttpContext context, LoketSessions sessions)
    {
        if (await FindSessionAsync(context, sessions, counter, anyLoket: true) is not { } session)
        {
            return Refuse(StatusCodes.Status401Unauthorized, Teks.NotLoggedIn);
        }

        var (request, error) = await ReadBodyAsync<LoketCommandRequest>(context);
        if (error is not null)
        {
            return error;
        }

        // The page can only speak for its own counter; the broker ACL would refuse the topic anyway.
        if (counter != session.Counter || (request!.Counter is { } claimed && claimed != session.Counter))
        {
            return Refuse(StatusCodes.Status403Forbidden, Teks.ForgedCounter(session.Counter, counter != session.Counter ? counter : request!.Counter!.Value));
        }

        if (LoketCommands.Check(request, session.State) is { } reason)
        {
            return Refuse(StatusCodes.Status400BadRequest, reason);
        }

        // No reply within the short wait is not a failure: 202 tells the page to say so and stay usable, while the
        // session keeps sending; the outcome follows as a "jawaban" message on the page's stream.
        var answer = await session.SendAsync(request.CommandId!, request, context.RequestAborted);
        return answer is null
            ? Results.Json(new PendingAnswer(request.CommandId!, Pending: true, Teks.StillSending), ScreensJson.Options, statusCode: StatusCodes.Status202Accepted)
            : Results.Json(answer, ScreensJson.Options);
    }

    private static async Task<(T? Value, IResult? Error)> ReadBodyAsync<T>(HttpContext context)
        where T : class
    {
        // An oversized body is read to its end (up to Kestrel's hard limit) and dropped, so the browser gets the
        // 413 answer instead of a connection reset that would hide it.
        using var kept = new MemoryStream();
        var chunk = new byte[8192];
        long total = 0;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                total += read;
                if (total <= MaxBodyBytes)
                {
                    kept.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Refuse(StatusCodes.Status413PayloadTooLarge, Teks.TooLarge));
        }
        catch (BadHttpRequestException)
        {
            // A body cut short or badly framed: this request alone is refused.
            return (null, Refuse(StatusCodes.Status400BadRequest, Teks.Unreadable));
        }

        if (total > MaxBodyBytes)
        {
            return (null, Refuse(StatusCodes.Status413PayloadTooLarge, Teks.TooLarge));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(kept.GetBuffer().AsSpan(0, (int)kept.Length), ScreensJson.Options);
            return value is null ? (null, Refuse(StatusCodes.Status400BadRequest, Teks.Unreadable)) : (value, null);
        }
        catch (JsonException)
        {
            return (null, Refuse(StatusCodes.Status400BadRequest, Teks.Unreadable));
        }
    }

    /// <summary>
    /// An empty 4xx/5xx from routing (unknown address, wrong method) or a bug gets the same JSON shape as every refusal.
    /// </summary>
    public static async Task WriteStatusAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => Teks.NotFound,
            StatusCodes.Status405MethodNotAllowed => Teks.MethodNotAllowed,
            StatusCodes.Status413PayloadTooLarge => Teks.TooLarge,
            StatusCodes.Status415UnsupportedMediaType => Teks.NeedJson,
            >= 500 => Teks.ServerError,
            StatusCodes.Status400BadRequest => Teks.Unreadable,
            _ => Teks.Refused(status),
        };
        await context.Response.WriteAsJsonAsync(new { pesan = message }, ScreensJson.Options, context.RequestAborted);
    }

    /// <summary>The browser's address and port, as the journal names a stream's reader.</summary>
    private static string Endpoint(HttpContext context) => $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";

    private static IResult Refuse(int status, string message) =>
        Results.Json(new { pesan = message }, ScreensJson.Options, statusCode: status);
}
