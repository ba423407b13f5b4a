namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// How an answer to <c>antrean/add</c>, <c>antrean/panggil</c> or <c>antrean/batal</c> becomes an outcome (README
/// "BPJS Antrean FKTP: the protocol"). BPJS answers business results inside HTTP 200 with <c>metadata.code</c>: 200 is
/// "Ok"; 201 is its code for "not done" with the reason in the message (open-source bridges treat 201 as a failure
/// for panggil), so a 201 counts as delivered only when its message says so.
/// <list type="number">
/// <item>HTTP 408, 429 or 5xx, or no readable metadata: Retry (the network, a gateway or an overload answered).</item>
/// <item>HTTP 401/403, metadata 401/403, or a message about the signature, timestamp, cons id or user key: Retry. A
/// wrong credential is the site's configuration, not this patient's report: the backlog waits for the fix instead of
/// every ticket being refused for good.</item>
/// <item>metadata 208, or a message saying it is already there, called or cancelled: AlreadyDone.</item>
/// <item>metadata 200, or 201 with an "Ok"/"Sukses"/"Berhasil" message: Delivered.</item>
/// <item>Any other code from 201 to 499 (201 and the 4xx family) but 429: Refused, with BPJS's message.</item>
/// <item>Anything else (429, 5xx, codes outside 200..499): Retry; an unknown code never drops a report.</item>
/// </list>
/// </summary>
public static class BpjsOutcomeRule
{
    /// <summary>The texts BPJS and the gateway use for "this was done before" (Indonesian, lower case).</summary>
    private static readonly string[] AlreadyPhrases =
    [
        "sudah ada", "sudah terdaftar", "sudah dipanggil", "sudah dibatalkan", "sudah batal", "sudah pernah",
        "telah terdaftar", "telah dipanggil", "telah dibatalkan", "duplikat", "duplikasi", "already",
    ];

    private static readonly string[] DonePhrases = ["ok", "sukses", "berhasil", "success"];

    private static readonly string[] CredentialPhrases = ["signature", "timestamp", "cons id", "consid", "cons-id", "user_key", "user key", "unauthorized", "forbidden"];

    public static BpjsOutcome Classify(int httpStatus, BpjsEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (httpStatus is 408 or 429 || httpStatus >= 500)
        {
            return new BpjsOutcome(BpjsOutcomeKind.Retry, httpStatus, $"BPJS answered HTTP {httpStatus}; try again later");
        }

        if (!envelope.IsReadable)
        {
            return new BpjsOutcome(BpjsOutcomeKind.Retry, httpStatus, $"HTTP {httpStatus}: {envelope.Problem}");
        }

        var code = envelope.Code!.Value;
        var message = envelope.Message.Trim();
        var lower = message.ToLowerInvariant();
        if (httpStatus is 401 or 403 || code is 401 or 403 || CredentialPhrases.Any(lower.Contains))
        {
            return new BpjsOutcome(BpjsOutcomeKind.Retry, code, $"BPJS refused the credentials: {message}");
        }

        if (code == 208 || AlreadyPhrases.Any(lower.Contains))
        {
            return new BpjsOutcome(BpjsOutcomeKind.AlreadyDone, code, message);
        }

        if (code == 200 || (code == 201 && DonePhrases.Contains(lower)))
        {
            return new BpjsOutcome(BpjsOutcomeKind.Delivered, code, message);
        }

        if (code is < 201 or >= 500 or 429)
        {
            return new BpjsOutcome(BpjsOutcomeKind.Retry, code, $"BPJS answered code {code}: {message}");
        }

        // The officer reads this on the loket page: BPJS's own (Indonesian) reason, or one sentence of ours.
        return new BpjsOutcome(BpjsOutcomeKind.Refused, code, message.Length > 0 ? message : "BPJS menolak laporan ini tanpa menyebut alasannya.");
    }
}
