using System.Text;
using System.Text.Json;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>
/// Our signature, AES-256-CBC and LZ-string against independent implementations run from the test: Node's
/// <c>crypto</c> and the npm <c>lz-string</c> 1.5.0 that BPJS's own clients use. Both directions each time.
/// </summary>
public sealed class NodeCrossCheckTests
{
    private static readonly string[] Texts =
    [
        string.Empty,
        "a",
        "Ok",
        """{"list":[{"kodepoli":"001","namapoli":"UMUM","kdsubspesialis":"001","nmsubspesialis":"UMUM"}]}""",
        "Pasien harap datang 30 menit lebih awal guna pencatatan administrasi.",
        "Poli Gigi & Mulut – Bd. Rina Marlina, S.Tr.Keb; pasien lansia “prioritas” · café · Ñ · ½ · 🙂👍🏽 · 日本",
        "Nomor kartu peserta tidak valid\r\n\t\"kutip\" \\garis miring\\ \u0000 \u007f \u00ff \u0100 \uffff",
        new string('A', 5000),
        string.Concat(Enumerable.Range(0, 3000).Select(i => $"{{\"kodedokter\":{i},\"namadokter\":\"dr. Dokter ke-{i} Spesialis Anak é\",\"jampraktek\":\"08:00-12:00\"}},")),
        Pseudorandom(40_000),
    ];

    [SkippableFact]
    public async Task LZ_string_compressed_by_npm_decompresses_with_ours_and_ours_decompresses_with_npm()
    {
        var compressedByUs = Texts.Select(LzString.CompressToEncodedUriComponent).ToArray();
        var answer = await NodeLzString.RunAsync(new { lzCompress = Texts, lzDecompress = compressedByUs });

        var compressedByNpm = Strings(answer, "lzCompress");
        var decompressedByNpm = Strings(answer, "lzDecompress");
        for (var i = 0; i < Texts.Length; i++)
        {
            // Byte for byte the same compressor, and each side reads the other's output back to the text.
            Assert.Equal(compressedByNpm[i], compressedByUs[i]);
            Assert.Equal(Texts[i], LzString.DecompressFromEncodedUriComponent(compressedByNpm[i]!));
            Assert.Equal(Texts[i], decompressedByNpm[i]);
        }
    }

    [SkippableFact]
    public async Task Npm_and_ours_agree_on_what_is_not_LZ_string()
    {
        string[] odd = [string.Empty, "Q", "A", "AAAA", "BAAAAA", "zzzz", "$$$$$$$$", "abc def", "Ag"];
        var answer = await NodeLzString.RunAsync(new { lzDecompress = odd });
        var npm = Strings(answer, "lzDecompress");
        for (var i = 0; i < odd.Length; i++)
        {
            var ours = LzString.DecompressFromEncodedUriComponent(odd[i]);
            if (npm[i] is { } said && said.StartsWith("!throws", StringComparison.Ordinal))
            {
                Assert.Null(ours);
            }
            else
            {
                Assert.Equal(npm[i], ours);
            }
        }
    }

    [SkippableFact]
    public async Task AES_sealed_by_Node_opens_with_ours_and_ours_opens_with_Node()
    {
        var materials = new[] { ("12345", "rahasia", "1765793653"), ("1234", "pwd", "1433459111"), ("30432", "s3cr3t", "1700000000") };
        var cases = materials.SelectMany(m => Texts.Take(7).Select(t => (Material: m.Item1 + m.Item2 + m.Item3, Key: BpjsPayloadCipher.Key(m.Item1, m.Item2, m.Item3), Text: t))).ToArray();
        var sealedByUs = cases.Select(c => BpjsPayloadCipher.Encrypt(c.Text, c.Key)).ToArray();
        var answer = await NodeLzString.RunAsync(new
        {
            aesEncrypt = cases.Select(c => new { material = c.Material, text = c.Text }),
            aesDecrypt = cases.Select((c, i) => new { material = c.Material, text = sealedByUs[i] }),
        });

        var sealedByNode = Strings(answer, "aesEncrypt");
        var openedByNode = Strings(answer, "aesDecrypt");
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(sealedByNode[i], sealedByUs[i]);
            Assert.Equal(cases[i].Text, BpjsPayloadCipher.TryDecrypt(sealedByNode[i]!, cases[i].Key, out var problem));
            Assert.Equal(string.Empty, problem);
            Assert.Equal(cases[i].Text, openedByNode[i]);
        }
    }

    [SkippableFact]
    public async Task A_whole_BPJS_payload_sealed_by_Node_and_npm_opens_with_ours()
    {
        // What BPJS does to a response: compress (lz-string), then encrypt (AES); here both by the independent side.
        var json = Texts[3];
        var compressed = Strings(await NodeLzString.RunAsync(new { lzCompress = new[] { json } }), "lzCompress")[0]!;
        var material = "12345" + "rahasia" + "1765793653";
        var payload = Strings(await NodeLzString.RunAsync(new { aesEncrypt = new[] { new { material, text = compressed } } }), "aesEncrypt")[0]!;

        Assert.Equal(json, BpjsPayloadCipher.TryOpen(payload, BpjsPayloadCipher.Key("12345", "rahasia", "1765793653"), out _));
    }

    [SkippableFact]
    public async Task The_signature_matches_Nodes_HMAC()
    {
        var inputs = new[] { ("12345", "rahasia", "1765793653"), ("1234", "pwd", "1433459111"), ("kons", "rähasia ü", "0") };
        var answer = await NodeLzString.RunAsync(new { signature = inputs.Select(x => new { consId = x.Item1, secret = x.Item2, timestamp = x.Item3 }) });
        var node = Strings(answer, "signature");
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(node[i], BpjsSignature.Compute(inputs[i].Item1, inputs[i].Item2, inputs[i].Item3));
        }
    }

    private static string?[] Strings(JsonElement answer, string name) =>
        [.. answer.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString())];

    /// <summary>Deterministic text with little repetition (the compressor's worst case), from a fixed seed.</summary>
    private static string Pseudorandom(int length)
    {
        var random = new Random(24);
        var text = new StringBuilder(length);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 {}\":,.-éèñüß–“”";
        while (text.Length < length)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
