using System.Net.Http.Headers;
using Kiosk.Screens.Configuration;
using Kiosk.Screens.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Endpoints;

/// <summary>
/// Runs before every endpoint. Under TLS the loket page and its API answer only over HTTPS. Every request that can
/// change something (any method but GET, HEAD and OPTIONS) must come from this host's own pages and be JSON:
/// <list type="number">
/// <item>An <c>Origin</c> header must name this very origin: scheme, host and port equal to the request's own (a page on
/// another port of the same machine is another origin, though the same "site" for the cookie's SameSite rule).</item>
/// <item>Without <c>Origin</c>, a <c>Sec-Fetch-Site</c> header must say <c>same-origin</c> or <c>none</c>.</item>
/// <item>With neither header the request is not from a modern browser: Chromium, Firefox and Safari send
/// <c>Origin</c> with every POST, form or fetch, cross-origin or not. Such a client (curl, the tests, the bench) is let
/// through to the checks below; an old browser that sends neither still cannot send <c>application/json</c> to another
/// origin without a CORS preflight, which this host never grants, and its cookie is SameSite=Strict.</item>
/// <item>The body must be <c>application/json</c> (charset UTF-8 or none): the one type a plain HTML form or a no-cors
/// fetch cannot send.</item>
/// </list>
/// No antiforgery token: the two header checks are the framework-free form of the same guarantee (OWASP's "verify the
/// origin with standard headers" plus a content type a form cannot produce), need no extra round trip, and keep the
/// simulator's one-time login link a plain GET.
/// </summary>
public static class RequestGuard
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.Request;
        var tls = context.RequestServices.GetRequiredService<IOptions<ScreensOptions>>().Value.Tls.Enabled;
        if (tls && !request.IsHttps && IsLoketPath(request.Path))
        {
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && HttpsPort(context) is { } port)
            {
                var target = new UriBuilder("https", request.Host.Host, port) { Path = request.PathBase + request.Path, Query = request.QueryString.Value };
                context.Response.Redirect(target.Uri.AbsoluteUri);
                return;
            }

            await RefuseAsync(context, StatusCodes.Status403Forbidden, Teks.NeedHttps);
            return;
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        if (!IsSameOrigin(request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, Teks.OtherOrigin);
            return;
        }

        if (!IsJson(request.ContentType))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, Teks.NeedJson);
            return;
        }

        await next(context);
    }

    /// <summary>The rule above for one request: true when its Origin (or, lacking one, Sec-Fetch-Site) allows it.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origins = request.Headers.Origin;
        if (origins.Count > 0)
        {
            return origins.Count == 1
                && Uri.TryCreate(origins[0], UriKind.Absolute, out var origin)
                && origin.AbsolutePath == "/"
                && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var own)
                && string.Equals(origin.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(origin.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
                && origin.Port == own.Port;
        }

        var site = request.Headers["Sec-Fetch-Site"];
        return site.Count == 0 || (site.Count == 1 && site[0] is "same-origin" or "none");
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
        && (media.CharSet is null || string.Equals(media.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));

    private static bool IsLoketPath(PathString path) =>
        path == "/" || path.StartsWithSegments("/loket", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/loket", StringComparison.OrdinalIgnoreCase);

    private static int? HttpsPort(HttpContext context)
    {
        var addresses = context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (address.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(address[(address.LastIndexOf(':') + 1)..].TrimEnd('/'), System.Globalization.CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }
        }

        return null;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { pesan = message }, Views.ScreensJson.Options, context.RequestAborted);
    }
}
