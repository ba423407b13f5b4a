using System.Net;
using System.Text;
using System.Text.Json;
using Kiosk.Bpjs.Protocol;
using Kiosk.Broker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kiosk.Bpjs.Doubles;

/// <summary>
/// BPJS's Antrean FKTP on 127.0.0.1 (a port from <see cref="LoopbackPorts"/>), for the tests and the simulator.
/// Every request is checked as BPJS checks it (cons id, user_key, signature, timestamp within the window); answers come
/// in BPJS's shape, reference lists encrypted and compressed with the request's timestamp as BPJS does. A replayed
/// timestamp and signature is accepted: the signature covers only cons id and timestamp, so two honest calls in the
/// same second carry the same pair, and BPJS cannot tell them from a replay either.
/// </summary>
public sealed class BpjsDouble : IAsyncDisposable
{
    private const int MaxBodyBytes = 64 * 1024;
    private readonly WebApplication app;
    private readonly BpjsDoubleOptions options;
    private readonly BpjsQueueBook book;

    private BpjsDouble(WebApplication app, BpjsDoubleOptions options, BpjsQueueBook book, BpjsDoubleMode mode, Uri baseUrl)
    {
        this.app = app;
        this.options = options;
        this.book = book;
        Mode = mode;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:23456/antreanfktp/</c>: what the bridge's <c>Bpjs__BaseUrl</c> is set to.</summary>
    public Uri BaseUrl { get; }

    public BpjsDoubleMode Mode { get; }

    /// <summary>The reports BPJS took (answered "Ok"), in arrival order.</summary>
    public IReadOnlyList<BpjsReceived> Received => [.. book.Requests.Where(r => r.Answer.Kind == BpjsOutcomeKind.Delivered)];

    /// <summary>Every request, with its answer: also the refused, the "already there" and the unauthorised ones.</summary>
    public IReadOnlyList<BpjsReceived> Requests => book.Requests;

    /// <summary>
    /// Keeps a booking Mobile JKN took through the FKTP's own service (<see cref="MobileJknCaller.AmbilAsync"/>): BPJS
    /// holds it from then on, so the FKTP's panggil and batal of it find it.
    /// </summary>
    public void HoldMobileJknBooking(DateOnly tanggalPeriksa, string kodePoli, string nomorKartu, string nomorAntrean) =>
        book.Hold(tanggalPeriksa.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), kodePoli, nomorKartu, nomorAntrean);

    public static async Task<BpjsDouble> StartAsync(BpjsDoubleOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BpjsDoubleOptions();
        var port = LoopbackPorts.Take();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        var app = builder.Build();
        var mode = new BpjsDoubleMode { Poli = options.Poli, Dokter = options.Dokter };
        var book = new BpjsQueueBook(mode);
        var baseUrl = new Uri($"http://127.0.0.1:{port}/{options.ServiceName}/");
        var bpjs = new BpjsDouble(app, options, book, mode, baseUrl);
        app.Run(bpjs.HandleAsync);
        await app.StartAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        return bpjs;
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds for the requests so far.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<BpjsReceived>, bool> condition, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = book.Changed;
            if (condition(book.Requests))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The BPJS double did not see what was awaited within {timeout.TotalSeconds:0} s; it has {book.Requests.Count} requests.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = options.Time.GetUtcNow();
        if (Mode.Down)
        {
            context.Abort();
            return;
        }

        if (Mode.Slow is { Ticks: > 0 } delay)
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (Mode.ServerError)
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>");
            return;
        }

        if (Mode.RateLimit)
        {
            context.Response.StatusCode = 429;
            await context.Response.WriteAsync("Too Many Requests");
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var prefix = $"/{options.ServiceName}/";
        var route = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
        var body = await ReadBodyAsync(context.Request);
        if (CheckCredentials(context.Request, at) is { } refusal)
        {
            book.RecordRefusal(route ?? path, body ?? [], at, BpjsOutcomeRule.Classify(401, new BpjsEnvelope(401, refusal, null, null, string.Empty)));
            await WriteAsync(context, 401, 401, refusal);
            return;
        }

        var post = HttpMethods.IsPost(context.Request.Method);
        var get = HttpMethods.IsGet(context.Request.Method);
        switch (route)
        {
            case "antrean/add" or "antrean/panggil" or "antrean/batal" when post:
                if (body is null)
                {
                    book.RecordRefusal(route, [], at, new BpjsOutcome(BpjsOutcomeKind.Refused, 201, "Data terlalu besar"));
                    await WriteAsync(context, 200, 201, "Data terlalu besar");
                    return;
                }

                var (code, message) = book.Answer(route["antrean/".Length..], body, at);
                Mode.BeforeAnswer?.Invoke(route["antrean/".Length..], code);
                await WriteAsync(context, 200, code, message);
                return;
            case not null when get && Referensi(route) is { } list:
                var timestamp = context.Request.Headers["X-timestamp"].ToString();
                var payload = BpjsPayloadCipher.Seal(list, BpjsPayloadCipher.Key(options.ConsId, options.Secret, timestamp));
                await WriteAsync(context, 200, 200, "OK", payload);
                return;
            default:
                await WriteAsync(context, 404, 404, "Layanan tidak ditemukan");
                return;
        }
    }

    /// <summary>The reason in BPJS's words, or null when the caller is who it says.</summary>
    private string? CheckCredentials(HttpRequest request, DateTimeOffset now)
    {
        var consId = request.Headers["X-cons-id"].ToString();
        var timestamp = request.Headers["X-timestamp"].ToString();
        var signature = request.Headers["X-signature"].ToString();
        var userKey = request.Headers["user_key"].ToString();
        if (consId != options.ConsId)
        {
            return "Cons ID tidak terdaftar";
        }

        if (userKey != options.UserKey)
        {
            return "user_key tidak valid";
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(seconds - now.ToUnixTimeSeconds()) > (long)options.TimestampWindow.TotalSeconds)
        {
            return "Timestamp tidak valid atau kedaluwarsa";
        }

        return BpjsSignature.Matches(consId, options.Secret, timestamp, signature) ? null : "Signature tidak valid";
    }

    private string? Referensi(string route)
    {
        var parts = route.Split('/');
        if (parts is ["ref", "poli", "tanggal", var tanggal] && IsDate(tanggal))
        {
            return JsonSerializer.Serialize(new { list = Mode.Poli });
        }

        if (parts is ["ref", "dokter", "kodepoli", var kode, "tanggal", var hari] && IsDate(hari))
        {
            return JsonSerializer.Serialize(new { list = Mode.Dokter.TryGetValue(Uri.UnescapeDataString(kode), out var dokter) ? dokter : [] });
        }

        return null;
    }

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", out _);

    /// <summary>The body, or null when it is larger than the double reads.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, int code, string message, string? response = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var answer = response is null
            ? JsonSerializer.Serialize(new { metadata = new { message, code } })
            : JsonSerializer.Serialize(new { response, metadata = new { message, code } });
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer));
    }
}
