using System.Text;
using Kiosk.Bpjs.Protocol;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>The envelope reader is total (any bytes → an envelope, readable or with its reason) and the outcome rule.</summary>
public sealed class EnvelopeAndOutcomeTests
{
    public static TheoryData<string, string> Garbage => new()
    {
        { "empty", string.Empty },
        { "html error page", "<html><body><h1>502 Bad Gateway</h1></body></html>" },
        { "truncated json", """{"metadata":{"code":200,"mess""" },
        { "json array", """[{"metadata":{"code":200}}]""" },
        { "json string", "\"Ok\"" },
        { "json null", "null" },
        { "no metadata", """{"response":"abc"}""" },
        { "metadata not an object", """{"metadata":"Ok"}""" },
        { "metadata without code", """{"metadata":{"message":"Ok"}}""" },
        { "code not a number", """{"metadata":{"code":"dua ratus","message":"Ok"}}""" },
        { "code a fraction", """{"metadata":{"code":200.5,"message":"Ok"}}""" },
        { "code too large", """{"metadata":{"code":99999999999,"message":"Ok"}}""" },
        { "code null", """{"metadata":{"code":null}}""" },
        { "deep nesting", new string('[', 5000) + new string(']', 5000) },
        { "nested metadata deep", """{"metadata":""" + new string('[', 100) + new string(']', 100) + "}" },
        { "bom and spaces", "\uFEFF   " },
        { "trailing garbage", """{"metadata":{"code":200,"message":"Ok"}} xyz""" },
        { "duplicate keys then garbage", """{"metadata":{"code":200},"metadata":""" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Bytes_that_are_not_a_BPJS_answer_are_unreadable_with_a_reason_and_a_retry(string kind, string body)
    {
        var envelope = BpjsEnvelopeReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.False(envelope.IsReadable, kind);
        Assert.NotEmpty(envelope.Problem);
        Assert.Equal(BpjsOutcomeKind.Retry, BpjsOutcomeRule.Classify(200, envelope).Kind);
    }

    [Fact]
    public void Invalid_UTF_8_and_binary_are_unreadable()
    {
        foreach (var bytes in new[] { new byte[] { 0xff, 0xfe, 0x00 }, "{\"metadata\":{\"code\":200,\"message\":\""u8.ToArray().Concat(new byte[] { 0xc3, 0x28, 0x22, 0x7d, 0x7d }).ToArray(), new byte[4096] })
        {
            Assert.False(BpjsEnvelopeReader.Read(bytes).IsReadable);
        }
    }

    [Theory]
    [InlineData("""{"metadata":{"code":200,"message":"Ok"}}""", 200, "Ok")]
    [InlineData("""{"metaData":{"code":"200","message":"OK"},"response":null}""", 200, "OK")]
    [InlineData("""{"response":"abc","metadata":{"message":"Poli tidak ditemukan","code":201}}""", 201, "Poli tidak ditemukan")]
    [InlineData("""{"metadata":{"code":201}}""", 201, "")]
    public void Both_spellings_and_string_codes_are_read(string body, int code, string message)
    {
        var envelope = BpjsEnvelopeReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.True(envelope.IsReadable);
        Assert.Equal(code, envelope.Code);
        Assert.Equal(message, envelope.Message);
    }

    [Fact]
    public void The_response_is_kept_as_the_sealed_string_or_as_plain_JSON()
    {
        Assert.Equal("abc", BpjsEnvelopeReader.Read("""{"metadata":{"code":200},"response":"abc"}"""u8.ToArray()).EncryptedResponse);
        Assert.Equal("""{"list":[]}""", BpjsEnvelopeReader.Read("""{"metadata":{"code":200},"response":{"list":[]}}"""u8.ToArray()).PlainResponse);
    }

    [Theory]
    [InlineData(200, 200, "Ok", BpjsOutcomeKind.Delivered)]
    [InlineData(200, 201, "Ok", BpjsOutcomeKind.Delivered)]
    [InlineData(200, 201, "Sukses", BpjsOutcomeKind.Delivered)]
    [InlineData(200, 208, "Data sudah ada", BpjsOutcomeKind.AlreadyDone)]
    [InlineData(200, 201, "Antrean sudah terdaftar", BpjsOutcomeKind.AlreadyDone)]
    [InlineData(200, 201, "Antrean Sudah Dipanggil", BpjsOutcomeKind.AlreadyDone)]
    [InlineData(200, 201, "Antrean sudah dibatalkan", BpjsOutcomeKind.AlreadyDone)]
    [InlineData(200, 201, "Terdapat duplikasi nomor antrean", BpjsOutcomeKind.AlreadyDone)]
    [InlineData(200, 201, "Nomor kartu peserta tidak valid", BpjsOutcomeKind.Refused)]
    [InlineData(200, 201, "Nomor kartu sudah tidak aktif", BpjsOutcomeKind.Refused)]
    [InlineData(200, 201, "Poli tidak ditemukan", BpjsOutcomeKind.Refused)]
    [InlineData(200, 400, "Format tanggal salah", BpjsOutcomeKind.Refused)]
    [InlineData(200, 404, "Antrean tidak ditemukan", BpjsOutcomeKind.Refused)]
    [InlineData(200, 401, "Unauthorized", BpjsOutcomeKind.Retry)]
    [InlineData(401, 401, "Signature tidak valid", BpjsOutcomeKind.Retry)]
    [InlineData(200, 201, "Timestamp tidak valid atau kedaluwarsa", BpjsOutcomeKind.Retry)]
    [InlineData(200, 500, "Internal error", BpjsOutcomeKind.Retry)]
    [InlineData(200, 429, "Terlalu banyak permintaan", BpjsOutcomeKind.Retry)]
    [InlineData(200, 1, "Ok", BpjsOutcomeKind.Retry)]
    [InlineData(503, 200, "Ok", BpjsOutcomeKind.Retry)]
    [InlineData(429, 201, "Poli tidak ditemukan", BpjsOutcomeKind.Retry)]
    [InlineData(408, 200, "Ok", BpjsOutcomeKind.Retry)]
    public void The_outcome_rule(int http, int code, string message, BpjsOutcomeKind expected)
    {
        var outcome = BpjsOutcomeRule.Classify(http, new BpjsEnvelope(code, message, null, null, string.Empty));

        Assert.Equal(expected, outcome.Kind);
        if (expected is BpjsOutcomeKind.Refused or BpjsOutcomeKind.AlreadyDone)
        {
            Assert.Equal(message, outcome.Message);
            Assert.Equal(code, outcome.Code);
        }
    }

    [Fact]
    public void A_refusal_without_a_message_still_tells_the_officer_something_in_Indonesian()
    {
        var outcome = BpjsOutcomeRule.Classify(200, new BpjsEnvelope(201, "  ", null, null, string.Empty));

        Assert.Equal(BpjsOutcomeKind.Refused, outcome.Kind);
        Assert.Equal("BPJS menolak laporan ini tanpa menyebut alasannya.", outcome.Message);
    }

    [Theory]
    [InlineData("""{"metadata":{"code":201,"message":"\ud800"}}""")]
    [InlineData("""{"metadata":{"code":201,"message":"\udc00 x"}}""")]
    [InlineData("""{"metadata":{"\ud800":1,"code":200,"message":"Ok \ud800"}}""")]
    [InlineData("""{"metadata":{"code":200},"response":"\udbff"}""")]
    public void Lone_surrogate_escapes_in_what_is_read_are_unreadable_not_an_exception(string body)
    {
        var envelope = BpjsEnvelopeReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.False(envelope.IsReadable);
        Assert.Equal(BpjsOutcomeKind.Retry, BpjsOutcomeRule.Classify(200, envelope).Kind);
    }

    [Fact]
    public void A_lone_surrogate_in_a_property_nobody_reads_is_ignored()
    {
        var envelope = BpjsEnvelopeReader.Read("""{"\ud800":1,"metadata":{"code":200,"message":"Ok"}}"""u8.ToArray());

        Assert.Equal(200, envelope.Code);
    }

    [Theory]
    [InlineData("""{"list":[{"kodepoli":"\ud800","namapoli":"UMUM"}]}""")]
    [InlineData("""{"list":[{"kodedokter":1,"namadokter":"\udc00","jampraktek":"08:00-12:00"}]}""")]
    [InlineData("""{"\ud800":[],"list":[{"\udc00":1}]}""")]
    public void Reference_lists_with_lone_surrogates_are_refused_with_a_reason(string json)
    {
        Assert.Null(ReferensiReader.ReadPoli(json, out var poliProblem));
        Assert.NotEmpty(poliProblem);
        Assert.Null(ReferensiReader.ReadDokter(json, out var dokterProblem));
        Assert.NotEmpty(dokterProblem);
    }

    [Fact]
    public void A_decompressed_payload_with_a_raw_lone_surrogate_is_refused_with_a_reason()
    {
        // LZ-string carries UTF-16 units, so a payload can hold a lone surrogate that has no UTF-8 form to parse.
        foreach (var json in new[] { "\"" + '\ud800', "[{\"kodepoli\":\"" + '\udc00' + "\",\"namapoli\":\"x\"}]" })
        {
            Assert.Null(ReferensiReader.ReadPoli(json, out var problem));
            Assert.NotEmpty(problem);
        }
    }

    [Fact]
    public void Reference_lists_read_both_shapes_and_numbers_as_text()
    {
        Assert.Equal("001", ReferensiReader.ReadPoli("""{"list":[{"kodepoli":"001","namapoli":"UMUM"}]}""", out _)!.Single().KodePoli);
        Assert.Equal(101, ReferensiReader.ReadDokter("""[{"kodedokter":"101","namadokter":"dr. A","jampraktek":"08:00-12:00","kapasitas":"40"}]""", out _)!.Single().KodeDokter);
        Assert.Null(ReferensiReader.ReadDokter("""[{"kodedokter":"satu","namadokter":"dr. A","jampraktek":"08:00-12:00"}]""", out var problem));
        Assert.Equal("entry 1 of the list is incomplete", problem);
    }

    [Theory]
    [MemberData(nameof(FuzzInputs))]
    public void The_fuzz_corpus_is_read_without_an_exception(string input)
    {
        var bytes = FuzzCorpus.Read(input);
        var envelope = BpjsEnvelopeReader.Read(bytes);
        Assert.Equal(envelope.IsReadable, envelope.Problem.Length == 0);
        _ = BpjsOutcomeRule.Classify(200, envelope);
        var text = Encoding.UTF8.GetString(bytes);
        _ = BpjsPayloadCipher.TryOpen(envelope.EncryptedResponse ?? text, BpjsPayloadCipher.Key("12345", "rahasia-double", "1765793653"), out _);
        _ = LzString.DecompressFromEncodedUriComponent(text);
        _ = ReferensiReader.ReadPoli(text, out _);
        _ = ReferensiReader.ReadDokter(text, out _);
    }

    public static TheoryData<string> FuzzInputs => FuzzCorpus.Inputs("bpjs");
}
