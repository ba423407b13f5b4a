using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Doubles;

/// <summary>One report the double was sent, with what it answered.</summary>
/// <param name="Sequence">Arrival order, from 1, over every request.</param>
/// <param name="Kind"><c>add</c>, <c>panggil</c> or <c>batal</c>; for other requests the path.</param>
/// <param name="Body">The request body as sent (UTF-8 text).</param>
/// <param name="Answer">How a client following the outcome rule reads the answer: Delivered (stored), AlreadyDone,
/// Refused (a business refusal or a bad request) or Retry (a switch, or the credentials).</param>
public sealed record BpjsReceived(
    long Sequence,
    string Kind,
    string TanggalPeriksa,
    string KodePoli,
    string NomorKartu,
    string? NomorAntrean,
    string Body,
    DateTimeOffset At,
    BpjsOutcome Answer)
{
    /// <summary>The body read as one of the request records (<c>TambahAntrean</c>, <c>PanggilAntrean</c>, <c>BatalAntrean</c>).</summary>
    public T? BodyAs<T>() => System.Text.Json.JsonSerializer.Deserialize<T>(Body);
}
