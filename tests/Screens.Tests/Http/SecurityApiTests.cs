using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Screens.Tests.Http;

/// <summary>One real stack on a fake clock, for the login limit (the clock moves the lock-out on, never a sleep).</summary>
public sealed class FakeClockStackFixture : IAsyncLifetime
{
    private ScreensHarness? harness;

    /// <summary>Starts at the real time so command timestamps stay acceptable to the kiosk; moved only by the tests.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    internal ScreensHarness Harness => harness ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => harness = await ScreensHarness.StartAsync(time: Clock);

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }
}

/// <summary>
/// The edges of the loket API an attacker probes: password guessing, requests from another origin or in another type
/// than JSON, and bodies no page would send. Each test uses its own loopback source address where the per-address limit
/// could otherwise reach into another test.
/// </summary>
public sealed class SecurityApiTests(FakeClockStackFixture stack) : IClassFixture<FakeClockStackFixture>
{
    private ScreensHarness H => stack.Harness;

    private string Origin => H.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_counter_and_the_right_one_is_refused_with_429_until_the_delay_passes()
    {
        using var guesser = H.NewClientFrom("127.0.0.2");
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            using var wrong = await ScreensHarness.LoginAsync(guesser, 1, "salah-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // The officer, from another PC, with the right password: refused unchecked while the counter is locked.
        using var officer = H.NewClientFrom("127.0.0.3");
        using (var locked = await ScreensHarness.LoginAsync(officer, 1, H.Password(1)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), locked.Headers.RetryAfter?.Delta);
            Assert.Equal("Terlalu banyak percobaan, coba lagi dalam 1 detik.", await PesanAsync(locked));
        }

        using (var session = await officer.GetAsync("/api/loket/sesi?loket=1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        }

        stack.Clock.Advance(LoginThrottle.FirstLock);
        using var accepted = await ScreensHarness.LoginAsync(officer, 1, H.Password(1));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task One_address_guessing_across_counters_is_locked_while_another_pc_logs_in()
    {
        using var guesser = H.NewClientFrom("127.0.0.4");
        foreach (var counter in new[] { 2, 2, 3, 3, 2 })
        {
            using var wrong = await ScreensHarness.LoginAsync(guesser, counter, "tebakan");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var locked = await ScreensHarness.LoginAsync(guesser, 2, H.Password(2)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Contains("Terlalu banyak percobaan", await PesanAsync(locked), StringComparison.Ordinal);
        }

        using var officer = H.NewClientFrom("127.0.0.5");
        using var accepted = await ScreensHarness.LoginAsync(officer, 2, H.Password(2));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        stack.Clock.Advance(LoginThrottle.FirstLock);
    }

    [Fact]
    public async Task Posts_from_another_origin_or_not_in_json_are_refused_and_reach_no_session()
    {
        using var client = H.NewClient();
        using (var login = await client.SendAsync(Post("/api/loket/masuk", ScreensHarness.Json(new { counter = 3, password = H.Password(3) }), origin: Origin)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var pause = JsonSerializer.Serialize(new { commandId = ScreensHarness.NewId(), type = "pause" });
        (HttpContent Body, string? Origin, string? FetchSite, HttpStatusCode Expected)[] refusals =
        [
            (new StringContent(pause, Encoding.UTF8, "application/json"), "http://127.0.0.1:1", null, HttpStatusCode.Forbidden),
            (new StringContent(pause, Encoding.UTF8, "application/json"), "null", null, HttpStatusCode.Forbidden),
            (new StringContent(pause, Encoding.UTF8, "application/json"), Origin.Replace("http:", "https:", StringComparison.Ordinal), null, HttpStatusCode.Forbidden),
            (new StringContent(pause, Encoding.UTF8, "application/json"), null, "same-site", HttpStatusCode.Forbidden),
            (new StringContent(pause, Encoding.UTF8, "application/json"), null, "cross-site", HttpStatusCode.Forbidden),
            (new StringContent(pause, Encoding.UTF8, "text/plain"), "http://127.0.0.1:1", null, HttpStatusCode.Forbidden),
            (new StringContent(pause, Encoding.UTF8, "text/plain"), Origin, null, HttpStatusCode.UnsupportedMediaType),
            (new StringContent(pause, Encoding.UTF8, "text/plain"), null, null, HttpStatusCode.UnsupportedMediaType),
            (new FormUrlEncodedContent(new Dictionary<string, string> { ["commandId"] = "x", ["type"] = "pause" }), Origin, null, HttpStatusCode.UnsupportedMediaType),
            (new MultipartFormDataContent { { new StringContent("pause"), "type" } }, null, "same-origin", HttpStatusCode.UnsupportedMediaType),
            (new StringContent(pause, Encoding.Latin1, "application/json"), Origin, null, HttpStatusCode.UnsupportedMediaType),
            (new ByteArrayContent(Encoding.UTF8.GetBytes(pause)), Origin, null, HttpStatusCode.UnsupportedMediaType),
        ];
        foreach (var (body, origin, fetchSite, expected) in refusals)
        {
            using var response = await client.SendAsync(Post("/api/loket/3/perintah", body, origin, fetchSite));
            Assert.True(expected == response.StatusCode, $"{body.Headers.ContentType} from {origin ?? fetchSite}: {response.StatusCode}");
            var pesan = await PesanAsync(response);
            Assert.Contains(expected == HttpStatusCode.Forbidden ? "halaman lain" : "harus berformat JSON", pesan, StringComparison.Ordinal);
        }

        // Logout and login from another origin are refused too: the session is still there.
        using (var logout = await client.SendAsync(Post("/api/loket/keluar?loket=3", ScreensHarness.Json(new { }), origin: "http://127.0.0.1:1")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        }

        using (var login = await client.SendAsync(Post("/api/loket/masuk", ScreensHarness.Json(new { counter = 3, password = H.Password(3) }), origin: "http://evil.example")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        }

        using (var session = await client.GetAsync("/api/loket/sesi?loket=3"))
        {
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        }

        Assert.False(Counter(3).GetProperty("paused").GetBoolean());

        // The page's own request: JSON from its own origin (and a browser's Sec-Fetch-Site) is accepted.
        using (var own = await client.SendAsync(Post("/api/loket/3/perintah", ScreensHarness.Json(new { commandId = ScreensHarness.NewId(), type = "serve" }), Origin, "same-origin")))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using var bye = await client.SendAsync(Post("/api/loket/keluar?loket=3", ScreensHarness.Json(new { }), Origin, "same-origin"));
        Assert.Equal(HttpStatusCode.OK, bye.StatusCode);
        using var gone = await client.GetAsync("/api/loket/sesi?loket=3");
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    public static TheoryData<string> BodyKinds => new(Bodies.Keys);

    /// <summary>Per kind, what is sent to login, to a command and to logout; "@@" stands for the bytes FF FE.</summary>
    private static readonly Dictionary<string, (string Login, string Command, string Logout)> Bodies = new(StringComparer.Ordinal)
    {
        ["invalid-utf8"] = ("{\"counter\":2,\"password\":\"@@\"}", "{\"commandId\":\"{ID}\",\"type\":\"serve\",\"reason\":\"@@\"}", "{\"x\":\"@@\"}"),
        ["lone-surrogate"] = ("{\"counter\":2,\"password\":\"\\ud800\"}", "{\"commandId\":\"{ID}\",\"type\":\"serve\",\"reason\":\"\\ud800\"}", "{\"x\":\"\\ud800\"}"),
        ["deep-nesting"] = ("{\"counter\":2,\"password\":\"{P}\",\"x\":{DEEP}}", "{\"commandId\":\"{ID}\",\"type\":\"serve\",\"x\":{DEEP}}", "{DEEP}"),
        ["huge-number"] = ("{\"counter\":1e999,\"password\":\"{P}\"}", "{\"commandId\":\"{ID}\",\"type\":\"serve\",\"familySize\":123456789012345678901234567890}", "{\"x\":1e999}"),
        ["duplicate-keys"] = ("{\"counter\":2,\"password\":\"{P}\",\"password\":\"{P}\"}", "{\"commandId\":\"{ID}\",\"type\":\"serve\",\"type\":\"pause\"}", "{\"x\":1,\"x\":1}"),
        ["wrong-types"] = ("{\"counter\":{\"n\":2},\"password\":[\"{P}\"]}", "{\"commandId\":7,\"type\":true}", "[]"),
        ["empty"] = ("", "", ""),
        ["null"] = ("null", "null", "null"),
        ["scalar"] = ("\"{P}\"", "\"serve\"", "1"),
        ["not-json"] = ("{counter:2", "{not json", "{"),
        ["huge"] = ("{\"counter\":2,\"password\":\"{HUGE}\"}", "{\"commandId\":\"{ID}\",\"type\":\"serve\",\"reason\":\"{HUGE}\"}", "{\"x\":\"{HUGE}\"}"),
    };

    [Theory]
    [MemberData(nameof(BodyKinds))]
    public async Task Every_post_answers_a_bad_body_with_an_indonesian_4xx_and_the_sessions_carry_on(string kind)
    {
        using var other = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(other, 1, H.Password(1)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using var client = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(client, 2, H.Password(2)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var (loginBody, commandBody, logoutBody) = Bodies[kind];
        var expected = kind == "huge" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest;
        foreach (var (path, template) in new[] { ("/api/loket/masuk", loginBody), ("/api/loket/2/perintah", commandBody), ("/api/loket/keluar?loket=2", logoutBody) })
        {
            using var response = await client.SendAsync(Post(path, JsonBytes(template), Origin));
            Assert.True(expected == response.StatusCode, $"{kind} to {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace(await PesanAsync(response)));
        }

        // Neither this loket nor another was touched: both are logged in and command the kiosk.
        foreach (var (loket, counter) in new[] { (client, 2), (other, 1) })
        {
            var (status, reply) = await ScreensHarness.CommandAsync(loket, counter, new { commandId = ScreensHarness.NewId(), type = "serve" });
            Assert.True(status == HttpStatusCode.OK, $"loket {counter} after {kind}: {status} {reply}");
        }
    }

    [Fact]
    public async Task Unknown_addresses_and_wrong_methods_answer_in_indonesian_json()
    {
        using var client = H.NewClient();
        using (var missing = await client.GetAsync("/api/tidak-ada"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("Alamat tidak dikenal.", await PesanAsync(missing));
        }

        using (var wrongMethod = await client.GetAsync("/api/loket/masuk"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
            Assert.Contains("tidak diizinkan", await PesanAsync(wrongMethod), StringComparison.Ordinal);
        }

        using var put = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/loket/masuk") { Content = ScreensHarness.Json(new { counter = 1 }) });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Contains("tidak diizinkan", await PesanAsync(put), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_time_login_link_still_opens_a_logged_in_page()
    {
        var ticket = H.Screens.Services.GetRequiredService<LoginTickets>().Issue(3, H.Password(3));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = H.BaseAddress, Timeout = ScreensHarness.Wait };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/loket/masuk-tiket?tiket=" + Uri.EscapeDataString(ticket));

        // The simulator's panel opens it in a frame from its own port: another origin, the same site.
        request.Headers.Add("Sec-Fetch-Site", "same-site");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/loket?loket=3", response.Headers.Location?.OriginalString);
        using var session = await client.GetAsync("/api/loket/sesi?loket=3");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
    }

    private static HttpRequestMessage Post(string path, HttpContent body, string? origin = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private ByteArrayContent JsonBytes(string template)
    {
        var text = template
            .Replace("{P}", H.Password(2), StringComparison.Ordinal)
            .Replace("{ID}", ScreensHarness.NewId(), StringComparison.Ordinal)
            .Replace("{DEEP}", new string('[', 1000) + new string(']', 1000), StringComparison.Ordinal)
            .Replace("{HUGE}", new string('a', 100_000), StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        for (var i = bytes.Count - 2; i >= 0; i--)
        {
            if (bytes[i] == '@' && bytes[i + 1] == '@')
            {
                bytes[i] = 0xFF;
                bytes[i + 1] = 0xFE;
            }
        }

        var content = new ByteArrayContent(bytes.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private JsonElement Counter(int id)
    {
        using var view = JsonDocument.Parse(H.Display.Current().Json);
        return view.RootElement.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Clone();
    }

    private static async Task<string?> PesanAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("pesan").GetString();
    }
}
