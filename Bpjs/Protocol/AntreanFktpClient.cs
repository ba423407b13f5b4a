using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kiosk.Bpjs.Reporting;

namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// Antrean FKTP over HTTP: every call signed (<see cref="BpjsSignature"/>), every answer read by the total
/// <see cref="BpjsEnvelopeReader"/> and classified by <see cref="BpjsOutcomeRule"/>. Network failures, timeouts and
/// oversized or unreadable answers are outcomes (Retry), never exceptions; only the caller's cancellation throws.
/// </summary>
public sealed class AntreanFktpClient : IAntreanFktpClient, IAntreanFktpReferensi
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient http;
    private readonly AntreanFktpOptions options;
    private readonly TimeProvider time;
    private readonly Uri baseUrl;

    /// <param name="http">Its own timeout is not relied on: <see cref="AntreanFktpOptions.Timeout"/> bounds each call.</param>
    public AntreanFktpClient(HttpClient http, AntreanFktpOptions options, TimeProvider time)
    {
        this.http = http;
        this.options = options;
        this.time = time;
        // A base without its trailing slash would drop its last segment ("antreanfktp") when the paths are joined.
        var text = options.BaseUrl.OriginalString;
        baseUrl = new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    public Task<BpjsOutcome> TambahAntreanAsync(TambahAntrean request, CancellationToken cancellationToken) =>
        PostAsync("antrean/add", request, BpjsJsonContext.Default.TambahAntrean, cancellationToken);

    public Task<BpjsOutcome> PanggilAntreanAsync(PanggilAntrean request, CancellationToken cancellationToken) =>
        PostAsync("antrean/panggil", request, BpjsJsonContext.Default.PanggilAntrean, cancellationToken);

    public Task<BpjsOutcome> BatalAntreanAsync(BatalAntrean request, CancellationToken cancellationToken) =>
        PostAsync("antrean/batal", request, BpjsJsonContext.Default.BatalAntrean, cancellationToken);

    public Task<ReferensiResult<ReferensiPoli>> ReferensiPoliAsync(DateOnly tanggal, CancellationToken cancellationToken) =>
        GetListAsync($"ref/poli/tanggal/{Date(tanggal)}", ReferensiReader.ReadPoli, cancellationToken);

    public Task<ReferensiResult<ReferensiDokter>> ReferensiDokterAsync(string kodePoli, DateOnly tanggal, CancellationToken cancellationToken) =>
        GetListAsync($"ref/dokter/kodepoli/{Uri.EscapeDataString(kodePoli)}/tanggal/{Date(tanggal)}", ReferensiReader.ReadDokter, cancellationToken);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<BpjsOutcome> PostAsync<T>(string path, T body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = Json;
        var (outcome, _, _) = await SendAsync(HttpMethod.Post, path, content, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<ReferensiResult<T>> GetListAsync<T>(string path, ReadList<T> read, CancellationToken cancellationToken)
    {
        var (outcome, envelope, key) = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind != BpjsOutcomeKind.Delivered || envelope is null)
        {
            // "Already done" has no meaning for a read; anything but a list is tried again.
            return new ReferensiResult<T>(null, outcome.Kind == BpjsOutcomeKind.AlreadyDone ? outcome with { Kind = BpjsOutcomeKind.Retry } : outcome);
        }

        string? json = envelope.PlainResponse;
        var problem = string.Empty;
        if (envelope.EncryptedResponse is { } sealedPayload)
        {
            json = BpjsPayloadCipher.TryOpen(sealedPayload, key, out problem);
        }
        else if (json is null)
        {
            problem = "the answer has no response";
        }

        var items = json is null ? null : read(json, out problem);
        return items is null
            ? new ReferensiResult<T>(null, new BpjsOutcome(BpjsOutcomeKind.Retry, outcome.Code, $"BPJS's list could not be read: {problem}"))
            : new ReferensiResult<T>(items, outcome);
    }

    private delegate IReadOnlyList<T>? ReadList<T>(string json, out string problem);

    private async Task<(BpjsOutcome Outcome, BpjsEnvelope? Envelope, byte[] Key)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var timestamp = BpjsSignature.Timestamp(time.GetUtcNow());
        var key = BpjsPayloadCipher.Key(options.ConsId, options.Secret, timestamp);
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        request.Headers.Add("X-cons-id", options.ConsId);
        request.Headers.Add("X-timestamp", timestamp);
        request.Headers.Add("X-signature", BpjsSignature.Compute(options.ConsId, options.Secret, timestamp));
        request.Headers.Add("user_key", options.UserKey);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await ReadBoundedAsync(response.Content, limit.Token).ConfigureAwait(false);
            if (body is null)
            {
                return (new BpjsOutcome(BpjsOutcomeKind.Retry, status, $"BPJS's answer is larger than {options.MaxAnswerBytes} bytes"), null, key);
            }

            var envelope = BpjsEnvelopeReader.Read(body);
            return (BpjsOutcomeRule.Classify(status, envelope), envelope, key);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new BpjsOutcome(BpjsOutcomeKind.Retry, null, $"no answer from BPJS within {options.Timeout.TotalSeconds:0} s"), null, key);
        }
        catch (HttpRequestException e)
        {
            return (new BpjsOutcome(BpjsOutcomeKind.Retry, null, $"BPJS could not be reached: {e.Message}"), null, key);
        }
        catch (IOException e)
        {
            return (new BpjsOutcome(BpjsOutcomeKind.Retry, null, $"the connection to BPJS broke: {e.Message}"), null, key);
        }
    }

    private async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxAnswerBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
