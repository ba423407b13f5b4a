using System.Net;
using System.Text.Json;
using Kiosk.Screens.Patients;
using Kiosk.Screens.Tests.Support;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Screens.Tests.Http;

/// <summary>
/// The patient page's address is untrusted input (anyone on the Puskesmas Wi-Fi can type one): every kind of bad token
/// gets the same Indonesian page with 404, never an exception, and a good one opens the page and its stream. Each test
/// uses its own loopback source address, so the per-address limit of one never reaches into another.
/// </summary>
public sealed class PatientPageApiTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string Unknown = "Tiket tidak ditemukan atau sudah lewat hari.";

    private ScreensHarness H => stack.Harness;

    public static TheoryData<string> BadTokens => new()
    {
        "",
        "pendek",
        "AAAAAAAAAAAAAAAAAAAAAA",             // well-formed, names no ticket
        "AAAAAAAAAAAAAAAAAAAAAAA",            // one character too many
        "AAAAAAAAAAAAAAAAAAAAA!",             // a character outside base64url
        "AAAAAAAAAAAAAAAAAAAA%3D%3D",         // padded base64
        "%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4", // 22 non-ASCII letters
        "%FF%FE",                             // not UTF-8
        "..%2Flayar",                         // an encoded path trick
        "..%2F..%2Fscreens.json",
        "AAAAAAAAAAAAAAAAAAAAAA/aliran",      // a second segment
        "AAAAAAAAAAAAAAAAAAAAAA%2F..%2F..%2Flayar",
        new string('A', 4000),                // long (Kestrel's own limit is far above)
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_or_unknown_token_gets_the_Indonesian_page_with_404(string token)
    {
        using var phone = H.NewClientFrom("127.0.3.1");
        using var response = await phone.GetAsync("/tiket/" + token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Unknown, body, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_or_unknown_token_gets_no_stream_but_a_404_sentence(string token)
    {
        using var phone = H.NewClientFrom("127.0.3.2");
        using var response = await phone.GetAsync($"/api/tiket/{token}/aliran", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("pesan").GetString()));
    }

    [Fact]
    public async Task An_encoded_NUL_is_refused_by_Kestrel_before_any_page_code_with_400()
    {
        using var phone = H.NewClientFrom("127.0.3.6");
        using var page = await phone.GetAsync("/tiket/AAAAAAAAAAAAAAAAAAAAA%00");
        using var stream = await phone.GetAsync("/api/tiket/AAAAAAAAAAAAAAAAAAAAA%00/aliran");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stream.StatusCode);
    }

    [Fact]
    public async Task The_printed_token_opens_the_page_and_its_stream_shows_the_ticket_without_the_token()
    {
        var number = await H.PressAsync("umum");
        var qr = H.QrPayload(number);
        var token = qr[(qr.LastIndexOf('/') + 1)..];
        using var phone = H.NewClientFrom("127.0.3.3");
        await Eventually.TrueAsync(() => H.Screens.Services.GetRequiredService<PatientTickets>().Find(token) is not null, "the screens host knows the token");

        using var page = await phone.GetAsync(new Uri(qr).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Aktifkan suara &amp; getar", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var stream = await phone.GetAsync($"/api/tiket/{token}/aliran", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync().WaitAsync(ScreensHarness.Wait) ?? throw new InvalidOperationException("stream ended");
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null;
        }

        var view = JsonDocument.Parse(data).RootElement;
        Assert.Equal(number, view.GetProperty("number").GetString());
        Assert.Equal("menunggu", view.GetProperty("status").GetString());
        Assert.DoesNotContain(token, data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_of_many_tokens_from_one_address_is_refused_after_the_limit_with_an_Indonesian_page()
    {
        using var scanner = H.NewClientFrom("127.0.3.4");
        for (var i = 0; i < PatientPageGuard.LookupsPerWindow; i++)
        {
            using var miss = await scanner.GetAsync($"/tiket/{i:D22}");
            Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        }

        using var refused = await scanner.GetAsync("/tiket/AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Terlalu banyak permintaan", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another phone is not held up by the scanner.
        using var other = H.NewClientFrom("127.0.3.5");
        using var fine = await other.GetAsync("/tiket/AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, fine.StatusCode);
    }
}
