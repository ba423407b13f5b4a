using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Kiosk.Bpjs.Doubles;

/// <summary>
/// BPJS's Mobile JKN calling a Puskesmas's FKTP service (the "WS FKTP" of Antrean FKTP) the way BPJS does: a token
/// first (GET <c>auth</c> with <c>x-username</c> and <c>x-password</c>), then each call with <c>x-token</c> and
/// <c>x-username</c>. Keeps every call and its answer, so a test (or the simulator) sees the whole life of a booking.
/// <see cref="SendAsync"/> sends anything at all, for the bad-input tests.
/// </summary>
public sealed class MobileJknCaller : IDisposable
{
    private readonly HttpClient http;
    private readonly string password;
    private readonly List<MobileJknAnswer> calls = [];
    private readonly Lock gate = new();

    /// <param name="baseUrl">The service's address as the Puskesmas registered it with BPJS, e.g. <c>http://127.0.0.1:8088/</c>.</param>
    public MobileJknCaller(Uri baseUrl, string username, string password, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        http.Timeout = TimeSpan.FromSeconds(30);
        Username = username;
        this.password = password;
    }

    public string Username { get; }

    /// <summary>The service's address, ending in '/'.</summary>
    public Uri BaseUrl => http.BaseAddress!;

    /// <summary>The token in use; a test may set it (a forged or an old one).</summary>
    public string? Token { get; set; }

    public IReadOnlyList<MobileJknAnswer> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>GET <c>auth</c>; keeps the token when the service gave one.</summary>
    public async Task<MobileJknAnswer> TokenAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Get, "auth", new Dictionary<string, string?> { ["x-username"] = Username, ["x-password"] = password }, null, cancellationToken);
        if (answer.IsOk && answer.Text("token") is { Length: > 0 } token)
        {
            Token = token;
        }

        return answer;
    }

    /// <summary>GET <c>antrean/status/{kodepoli}/{tanggalperiksa}</c>.</summary>
    public Task<MobileJknAnswer> StatusAsync(string kodePoli, DateOnly date, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, $"antrean/status/{Uri.EscapeDataString(kodePoli)}/{Day(date)}", null, cancellationToken);

    /// <summary>POST <c>antrean</c> (ambil antrean) with every field of BPJS's body.</summary>
    public Task<MobileJknAnswer> AmbilAsync(string nomorKartu, string nik, string kodePoli, DateOnly date, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, "antrean", Json(new Dictionary<string, object?>
        {
            ["nomorkartu"] = nomorKartu,
            ["nik"] = nik,
            ["kodepoli"] = kodePoli,
            ["tanggalperiksa"] = Day(date),
            ["keluhan"] = "Demam dan batuk tiga hari",
            ["kodedokter"] = 123456,
            ["jampraktek"] = "08:00-12:00",
            ["norm"] = string.Empty,
            ["nohp"] = "081234567890",
        }), cancellationToken);

    /// <summary>GET <c>antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa}</c>.</summary>
    public Task<MobileJknAnswer> SisaAsync(string nomorKartu, string kodePoli, DateOnly date, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, $"antrean/sisapeserta/{Uri.EscapeDataString(nomorKartu)}/{Uri.EscapeDataString(kodePoli)}/{Day(date)}", null, cancellationToken);

    /// <summary>PUT <c>antrean/batal</c>.</summary>
    public Task<MobileJknAnswer> BatalAsync(string nomorKartu, string kodePoli, DateOnly date, string alasan, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Put, "antrean/batal", Json(new Dictionary<string, object?>
        {
            ["tanggalperiksa"] = Day(date),
            ["kodepoli"] = kodePoli,
            ["nomorkartu"] = nomorKartu,
            ["alasan"] = alasan,
        }), cancellationToken);

    /// <summary>A call with the current token (fetched first when there is none), as BPJS makes it.</summary>
    public async Task<MobileJknAnswer> CallAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken = default)
    {
        if (Token is null)
        {
            await TokenAsync(cancellationToken);
        }

        return await SendAsync(method, path, new Dictionary<string, string?> { ["x-token"] = Token, ["x-username"] = Username }, body, cancellationToken);
    }

    /// <summary>Anything at all: the headers as given (a null value is left out), the body as bytes with <c>Content-Type: application/json</c>.</summary>
    public async Task<MobileJknAnswer> SendAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string?> headers, byte[]? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = MobileJknAnswer.Read($"{method} {path}", (int)response.StatusCode, raw);
        lock (gate)
        {
            calls.Add(answer);
        }

        return answer;
    }

    public void Dispose() => http.Dispose();

    /// <summary>A body as BPJS writes it: UTF-8 JSON, members in the catalogue's order.</summary>
    public static byte[] Json(IReadOnlyDictionary<string, object?> members) => JsonSerializer.SerializeToUtf8Bytes(members);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
