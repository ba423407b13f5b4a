using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Kiosk.Screens.Text;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Patients;

/// <summary>
/// The patient's phone page, opened from the QR code on the ticket: <c>GET /tiket/{token}</c> (the page) and
/// <c>GET /api/tiket/{token}/aliran</c> (its SSE stream of <see cref="PatientView"/>). Anything under <c>/tiket/</c>
/// that is not a known token of today (malformed, too long, unknown, a path trick) gets one Indonesian page with status
/// 404, never an exception and never a hint whether the token was well-formed. Every request passes
/// <see cref="PatientPageGuard"/> first. Responses are never cached and send no referrer: the token is the address.
/// </summary>
public static class PatientPageEndpoints
{
    public const string PagePrefix = "/tiket/";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/tiket/{**rest}", Page);
        app.MapGet("/tiket", Page);
        app.MapGet("/api/tiket/{token}/aliran", Stream);
    }

    private static IResult Page(HttpContext context, PatientTickets tickets, PatientPageGuard guard, IWebHostEnvironment env)
    {
        NoStore(context);
        var refusal = guard.TryLookup(context.Connection.RemoteIpAddress);
        if (refusal != PatientPageGuard.Refusal.None)
        {
            return MessagePage(refusal == PatientPageGuard.Refusal.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable,
                refusal == PatientPageGuard.Refusal.TooMany ? Teks.PatientTooMany : Teks.PatientBusy, null);
        }

        var token = context.GetRouteValue("rest") as string;
        return tickets.Find(token) is null
            ? MessagePage(StatusCodes.Status404NotFound, Teks.TicketUnknown, Teks.TicketUnknownAdvice)
            : Results.File(Path.Combine(env.WebRootPath, "tiket.html"), "text/html; charset=utf-8");
    }

    private static IResult Stream(string token, HttpContext context, PatientTickets tickets, PatientPageGuard guard)
    {
        NoStore(context);
        var refusal = guard.TryLookup(context.Connection.RemoteIpAddress);
        if (refusal == PatientPageGuard.Refusal.None && tickets.Find(token) is null)
        {
            return Refuse(StatusCodes.Status404NotFound, Teks.TicketUnknown);
        }

        if (refusal == PatientPageGuard.Refusal.None)
        {
            refusal = guard.TryOpenStream(context.Connection.RemoteIpAddress, out var lease);
            if (refusal == PatientPageGuard.Refusal.None)
            {
                return TypedResults.ServerSentEvents(FollowAsync(tickets, token, lease!, context.RequestAborted));
            }
        }

        return refusal == PatientPageGuard.Refusal.TooMany
            ? Refuse(StatusCodes.Status429TooManyRequests, Teks.PatientTooMany)
            : Refuse(StatusCodes.Status503ServiceUnavailable, Teks.PatientBusy);
    }

    /// <summary>
    /// The ticket's view now, then again after each change of the queue (only when it differs) and at least every
    /// heartbeat (the estimate moves with the clock; a quiet stream tells the page the host is alive). A ticket that
    /// stops being known (a new business day) ends the stream with <c>hilang</c>.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> FollowAsync(PatientTickets tickets, string token, IDisposable lease,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (lease)
        {
            string? last = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = tickets.Changed;
                if (tickets.Find(token) is not { } view)
                {
                    yield return new SseItem<string>(ScreensJson.Serialize(new { pesan = Teks.TicketUnknown }), "hilang");
                    yield break;
                }

                var json = ScreensJson.Serialize(view);
                if (json != last)
                {
                    last = json;
                    yield return new SseItem<string>(json, "tiket");
                }

                var beat = false;
                try
                {
                    await next.WaitAsync(Endpoints.ScreenStreams.Heartbeat, cancellationToken);
                }
                catch (TimeoutException)
                {
                    beat = true;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                if (beat && tickets.Find(token) is { } same && ScreensJson.Serialize(same) == last)
                {
                    yield return new SseItem<string>("{}", "detak");
                }
            }
        }
    }

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
    }

    private static IResult Refuse(int status, string message) =>
        Results.Json(new { pesan = message }, ScreensJson.Options, statusCode: status);

    /// <summary>The patient page's own stylesheet, which the message page shares.</summary>
    private const string Stylesheet = "/tiket.css";

    /// <summary>A whole small page for a phone that opened a bad address: the sentence, what to do, a reload button.</summary>
    private static IResult MessagePage(int status, string message, string? advice)
    {
        var html = HtmlEncoder.Default;
        var body = $"""
            <!DOCTYPE html>
            <html lang="id">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(Teks.MessagePageTitle)}</title>
            <link rel="stylesheet" href="{Stylesheet}">
            </head>
            <body>
            <main class="kartu pesan">
            <h1>{html.Encode(message)}</h1>
            {(advice is null ? "" : $"<p>{html.Encode(advice)}</p>")}
            <p><a class="tombol" href="">{html.Encode(Teks.Reload)}</a></p>
            </main>
            </body>
            </html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
