using System.Text;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// What the BPJS bridge reads from the internet: an answer's bytes through the envelope reader and the outcome rule,
/// its sealed payload through AES and LZ-string into the reference lists, and the bytes as text straight into the
/// decrypter, the decompressor and the list readers. Each must answer and never throw; LZ-string must also give back
/// what it compressed.
/// </summary>
internal static class BpjsTarget
{
    // The double's default credentials at the seeds' timestamp, so the sealed seeds open and afl reaches the lists.
    private static readonly byte[] Key = BpjsPayloadCipher.Key("12345", "rahasia-double", "1765793653");
    private static readonly int[] Statuses = [200, 201, 401, 404, 429, 500];

    public static void Run(byte[] input)
    {
        var envelope = BpjsEnvelopeReader.Read(input) ?? throw new FuzzInvariantException("no envelope");
        if (envelope.IsReadable == envelope.Problem.Length > 0)
        {
            throw new FuzzInvariantException("an envelope must be readable or say why not, not both");
        }

        foreach (var status in Statuses)
        {
            var outcome = BpjsOutcomeRule.Classify(status, envelope) ?? throw new FuzzInvariantException("no outcome");
            if (!envelope.IsReadable && outcome.Kind != BpjsOutcomeKind.Retry)
            {
                throw new FuzzInvariantException($"an unreadable answer became {outcome.Kind}");
            }
        }

        if (envelope.EncryptedResponse is { } sealedPayload)
        {
            Lists(BpjsPayloadCipher.TryOpen(sealedPayload, Key, out _));
        }

        Lists(envelope.PlainResponse);

        var text = Encoding.UTF8.GetString(input);
        Lists(BpjsPayloadCipher.TryOpen(text, Key, out _));
        Lists(LzString.DecompressFromEncodedUriComponent(text, maxOutputChars: 256 * 1024));
        Lists(text);
        if (text.Length <= 4096 && LzString.DecompressFromEncodedUriComponent(LzString.CompressToEncodedUriComponent(text)) != text && text.Length > 0)
        {
            throw new FuzzInvariantException("LZ-string did not give back what it compressed");
        }
    }

    private static void Lists(string? json)
    {
        if (json is null)
        {
            return;
        }

        if (ReferensiReader.ReadPoli(json, out var poliProblem) is null == (poliProblem.Length == 0))
        {
            throw new FuzzInvariantException("the poli list must be read or say why not");
        }

        if (ReferensiReader.ReadDokter(json, out var dokterProblem) is null == (dokterProblem.Length == 0))
        {
            throw new FuzzInvariantException("the dokter list must be read or say why not");
        }
    }
}
