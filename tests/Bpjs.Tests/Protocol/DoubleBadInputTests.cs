using System.Net;
using System.Text;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>The double is total too: bad bodies and unknown paths get BPJS's answer shape, and nothing is stored.</summary>
public sealed class DoubleBadInputTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private BpjsDouble bpjs = null!;

    public async Task InitializeAsync() => bpjs = await BpjsDouble.StartAsync();

    public async Task DisposeAsync() => await bpjs.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("bukan json")]
    [InlineData("[]")]
    [InlineData("""{"tanggalperiksa":"07-12-2026","kodepoli":"001","nomorkartu":"1"}""")]
    [InlineData("""{"tanggalperiksa":"2026-12-07","kodepoli":1,"nomorkartu":"1"}""")]
    [InlineData("""{"tanggalperiksa":"2026-12-07","kodepoli":"001","nomorkartu":"\ud800"}""")]
    [InlineData("""{"tanggalperiksa":"2026-12-07","kodepoli":"001","nomorkartu":"1"}""")]
    public async Task A_malformed_or_incomplete_add_is_refused_in_BPJS_shape_and_not_stored(string body)
    {
        var (status, envelope) = await PostAsync("antrean/add", Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(BpjsOutcomeKind.Refused, BpjsOutcomeRule.Classify(200, envelope).Kind);
        Assert.Empty(bpjs.Received);
        Assert.Single(bpjs.Requests);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_and_not_stored()
    {
        var (_, envelope) = await PostAsync("antrean/add", Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', 200_000) + "\"}"));

        Assert.Equal(BpjsOutcomeKind.Refused, BpjsOutcomeRule.Classify(200, envelope).Kind);
        Assert.Empty(bpjs.Received);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_in_BPJS_shape()
    {
        var (status, envelope) = await PostAsync("antrean/hapus", "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, envelope.Code);
        Assert.Empty(bpjs.Requests);
    }

    private async Task<(HttpStatusCode Status, BpjsEnvelope Envelope)> PostAsync(string path, byte[] body)
    {
        var defaults = new BpjsDoubleOptions();
        var timestamp = BpjsSignature.Timestamp(DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bpjs.BaseUrl, path)) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-cons-id", defaults.ConsId);
        request.Headers.Add("X-timestamp", timestamp);
        request.Headers.Add("X-signature", BpjsSignature.Compute(defaults.ConsId, defaults.Secret, timestamp));
        request.Headers.Add("user_key", defaults.UserKey);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, BpjsEnvelopeReader.Read(await response.Content.ReadAsByteArrayAsync()));
    }
}
