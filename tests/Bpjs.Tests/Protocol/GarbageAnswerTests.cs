using System.Net;
using System.Text;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>
/// The client on answers no double would give: whatever bytes come back, each call is an outcome (a Retry with the
/// reason for unreadable ones), never an exception. The handler is the HTTP seam, answering canned bytes.
/// </summary>
public sealed class GarbageAnswerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(200, "")]
    [InlineData(200, "<html>Gateway</html>")]
    [InlineData(200, "{\"metadata\":")]
    [InlineData(200, "{\"metadata\":{\"code\":200},\"response\":\"!!!not base64\"}")]
    [InlineData(200, "{\"metadata\":{\"code\":200},\"response\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}")]
    [InlineData(200, "{\"metadata\":{\"code\":200},\"response\":{\"list\":\"bukan daftar\"}}")]
    [InlineData(200, "{\"metadata\":{\"code\":200},\"response\":{\"list\":[{\"kodepoli\":1}]}}")]
    [InlineData(200, "{\"metadata\":{\"code\":200}}")]
    [InlineData(404, "Not Found")]
    [InlineData(502, "{\"metadata\":{\"code\":200,\"message\":\"Ok\"}}")]
    public async Task Every_garbage_answer_is_a_retry_for_a_list(int status, string body)
    {
        var client = new AntreanFktpClient(new HttpClient(new Canned(status, Encoding.UTF8.GetBytes(body))), Options(), TimeProvider.System);

        var poli = await client.ReferensiPoliAsync(new DateOnly(2026, 12, 7), CancellationToken.None).WaitAsync(Bound);

        Assert.False(poli.HasItems);
        Assert.Equal(BpjsOutcomeKind.Retry, poli.Outcome.Kind);
        Assert.NotEmpty(poli.Outcome.Message);
    }

    [Theory]
    [InlineData(200, "")]
    [InlineData(200, "\u0000\u0001")]
    [InlineData(200, "[]")]
    [InlineData(404, "<html>Not Found</html>")]
    [InlineData(500, "")]
    public async Task Every_garbage_answer_is_a_retry_for_a_report(int status, string body)
    {
        var client = new AntreanFktpClient(new HttpClient(new Canned(status, Encoding.UTF8.GetBytes(body))), Options(), TimeProvider.System);

        var outcome = await client.BatalAntreanAsync(new BatalAntrean { TanggalPeriksa = "2026-12-07", KodePoli = "001", NomorKartu = "1", Alasan = "x" }, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(BpjsOutcomeKind.Retry, outcome.Kind);
    }

    [Fact]
    public async Task An_oversized_answer_is_a_retry_not_memory()
    {
        var client = new AntreanFktpClient(new HttpClient(new Canned(200, new byte[3 * 1024 * 1024])), Options(), TimeProvider.System);

        var outcome = await client.BatalAntreanAsync(new BatalAntrean { TanggalPeriksa = "2026-12-07", KodePoli = "001", NomorKartu = "1", Alasan = "x" }, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(BpjsOutcomeKind.Retry, outcome.Kind);
        Assert.Contains("larger than", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_carries_BPJS_headers_and_the_service_path()
    {
        var canned = new Canned(200, """{"metadata":{"code":200,"message":"Ok"}}"""u8.ToArray());
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1765793653));
        var client = new AntreanFktpClient(new HttpClient(canned), Options(), time);

        await client.PanggilAntreanAsync(new PanggilAntrean { TanggalPeriksa = "2026-12-07", KodePoli = "001", NomorKartu = "1", Status = 1, Waktu = 1765793653000 }, CancellationToken.None).WaitAsync(Bound);

        var request = canned.Seen!;
        Assert.Equal("https://apijkn.example/antreanfktp/antrean/panggil", request.RequestUri!.ToString());
        Assert.Equal("12345", request.Headers.GetValues("X-cons-id").Single());
        Assert.Equal("1765793653", request.Headers.GetValues("X-timestamp").Single());
        Assert.Equal("qikXGb9KI2UxSMtsO0kDFGaZiU6UCa3MmNsWihtlFNI=", request.Headers.GetValues("X-signature").Single());
        Assert.Equal("kunci", request.Headers.GetValues("user_key").Single());
        Assert.Equal("""{"tanggalperiksa":"2026-12-07","kodepoli":"001","nomorkartu":"1","status":1,"waktu":1765793653000}""", canned.Body);
    }

    private static AntreanFktpOptions Options() => new()
    {
        BaseUrl = new Uri("https://apijkn.example/antreanfktp"),
        ConsId = "12345",
        Secret = "rahasia",
        UserKey = "kunci",
    };

    private sealed class Canned(int status, byte[] body) : HttpMessageHandler
    {
        public HttpRequestMessage? Seen { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
        }
    }
}
