using System.Text;
using Kiosk.Bpjs.Fktp;
using Kiosk.Bpjs.Text;
using Kiosk.Bpjs.Tests.Reporting;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>
/// What a caller of the FKTP service may get wrong, or try: each refused in BPJS's documented shape
/// (<c>metadata.code</c> 201 and an Indonesian <c>metadata.message</c>), nothing sent to the kiosk, the service still
/// answering the next good call.
/// </summary>
[Collection(BridgeCollectionDefinition.Name)]
public sealed class FktpBadInputTests
{
    private static readonly TimeSpan Bound = FktpRig.TestBound;

    [Fact]
    public async Task A_wrong_login_gets_no_token()
    {
        await using var rig = await FktpRig.StartAsync();

        var cases = new (string? User, string? Password)[]
        {
            (FktpRig.Username, "sandi-salah-123"),
            ("orang-lain", FktpRig.Password),
            (FktpRig.Username, null),
            (null, FktpRig.Password),
            (FktpRig.Username, FktpRig.Password.ToUpperInvariant()),
            (FktpRig.Username, FktpRig.Password[..^1]),
        };
        foreach (var (user, password) in cases)
        {
            var answer = await rig.Caller.SendAsync(HttpMethod.Get, "auth", new Dictionary<string, string?> { ["x-username"] = user, ["x-password"] = password }, null).WaitAsync(Bound);
            Assert.Equal((200, 201, BpjsTeks.FktpLoginRefused), (answer.HttpStatus, answer.Code, answer.Message));
            Assert.Null(answer.Response);
        }

        Assert.Equal(0, await rig.KioskRequestsAfterAProbeAsync());
    }

    [Fact]
    public async Task A_missing_forged_foreign_or_expired_token_is_refused_before_the_kiosk_hears_of_it()
    {
        await using var rig = await FktpRig.StartAsync();
        var body = AmbilBody();
        var token = (await rig.Caller.TokenAsync().WaitAsync(Bound)).Text("token")!;
        var forgedByOtherBridge = new FktpTokens(TimeSpan.FromHours(1), rig.Time).Issue(FktpRig.Username);
        var tampered = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");

        var cases = new Dictionary<string, Dictionary<string, string?>>
        {
            ["no token"] = new() { ["x-username"] = FktpRig.Username },
            ["empty token"] = new() { ["x-token"] = string.Empty, ["x-username"] = FktpRig.Username },
            ["garbage token"] = new() { ["x-token"] = "bukan.token.sah", ["x-username"] = FktpRig.Username },
            ["another bridge's key"] = new() { ["x-token"] = forgedByOtherBridge, ["x-username"] = FktpRig.Username },
            ["tampered"] = new() { ["x-token"] = tampered, ["x-username"] = FktpRig.Username },
            ["other user"] = new() { ["x-token"] = token, ["x-username"] = "orang-lain" },
            ["no user"] = new() { ["x-token"] = token },
            ["oversized token"] = new() { ["x-token"] = new string('A', 5000), ["x-username"] = FktpRig.Username },
        };
        foreach (var (name, headers) in cases)
        {
            var answer = await rig.Caller.SendAsync(HttpMethod.Post, "antrean", headers, body).WaitAsync(Bound);
            Assert.True((201, BpjsTeks.FktpTokenRefused) == (answer.Code, answer.Message), $"{name}: {answer.Raw}");
        }

        // The token was good a moment ago; 30 minutes later (TokenMinutes) it is not, for a replay of the same call either.
        rig.Time.Advance(TimeSpan.FromMinutes(30));
        var expired = await rig.Caller.SendAsync(HttpMethod.Post, "antrean", new Dictionary<string, string?> { ["x-token"] = token, ["x-username"] = FktpRig.Username }, body).WaitAsync(Bound);
        Assert.Equal((201, BpjsTeks.FktpTokenRefused), (expired.Code, expired.Message));

        Assert.Equal(0, await rig.KioskRequestsAfterAProbeAsync());
    }

    [Fact]
    public async Task A_replayed_ambil_antrean_books_nothing_twice()
    {
        await using var rig = await FktpRig.StartAsync();
        var token = (await rig.Caller.TokenAsync().WaitAsync(Bound)).Text("token")!;
        var headers = new Dictionary<string, string?> { ["x-token"] = token, ["x-username"] = FktpRig.Username };

        var first = await rig.Caller.SendAsync(HttpMethod.Post, "antrean", headers, AmbilBody()).WaitAsync(Bound);
        var replay = await rig.Caller.SendAsync(HttpMethod.Post, "antrean", headers, AmbilBody()).WaitAsync(Bound);

        Assert.True(first.IsOk, first.Raw);
        Assert.Equal((201, BpjsTeks.FktpAlreadyBooked), (replay.Code, replay.Message));
        Assert.Single(rig.Kiosk.Bookings);
    }

    [Fact]
    public async Task Every_malformed_body_is_refused_with_its_reason_and_never_reaches_the_kiosk()
    {
        await using var rig = await FktpRig.StartAsync();
        var cases = new (string Name, HttpMethod Method, string Path, byte[] Body, string Message)[]
        {
            ("not JSON", HttpMethod.Post, "antrean", "{nomorkartu:1"u8.ToArray(), BpjsTeks.FktpNotJson),
            ("empty", HttpMethod.Post, "antrean", [], BpjsTeks.FktpNotJson),
            ("a list", HttpMethod.Post, "antrean", "[]"u8.ToArray(), BpjsTeks.FktpNotObject),
            ("broken UTF-8", HttpMethod.Post, "antrean", [.. "{\"nomorkartu\":\""u8, 0xC3, 0x28, .. "\"}"u8], BpjsTeks.FktpNotJson),
            ("a name that does not decode", HttpMethod.Post, "antrean", "{\"nomorkartu\":\"0001234567890\",\"ko\\ud800\":\"001\"}"u8.ToArray(), BpjsTeks.FktpNotJson),
            ("deep", HttpMethod.Post, "antrean", Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)), BpjsTeks.FktpNotJson),
            ("a member twice", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nomorkartu", "0009999999999"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpDuplicateMember),
            ("oversized", HttpMethod.Post, "antrean", Encoding.UTF8.GetBytes("{\"keluhan\":\"" + new string('x', 5000) + "\"}"), BpjsTeks.FktpBodyTooLarge(FktpRequestReader.MaxBodyBytes)),
            ("no card", HttpMethod.Post, "antrean", Body(("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpRequired("Nomor kartu")),
            ("card of 12 digits", HttpMethod.Post, "antrean", Body(("nomorkartu", "000123456789"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpCardRule),
            ("card with letters", HttpMethod.Post, "antrean", Body(("nomorkartu", "00012345678AB"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpCardRule),
            ("card as a number", HttpMethod.Post, "antrean", "{\"nomorkartu\":1234567890123,\"nik\":\"3201010101010001\",\"kodepoli\":\"001\",\"tanggalperiksa\":\"2026-12-07\"}"u8.ToArray(), BpjsTeks.FktpNotText("Nomor kartu")),
            ("NIK of 15 digits", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nik", "320101010101000"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpNikRule),
            ("a day that does not exist", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-02-30")), BpjsTeks.FktpDateRule),
            ("a day the other way round", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "07-12-2026")), BpjsTeks.FktpDateRule),
            ("an unknown poli", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nik", "3201010101010001"), ("kodepoli", "999"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpUnknownPoli),
            ("a poli with a quote", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nik", "3201010101010001"), ("kodepoli", "001'--"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpUnknownPoli),
            ("bad jampraktek", HttpMethod.Post, "antrean", Body(("nomorkartu", "0001234567890"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07"), ("jampraktek", "pagi")), BpjsTeks.FktpJamPraktekRule),
            ("batal without a card", HttpMethod.Put, "antrean/batal", Body(("kodepoli", "001"), ("tanggalperiksa", "2026-12-07"), ("alasan", "x")), BpjsTeks.FktpRequired("Nomor kartu")),
            ("batal for an unknown poli", HttpMethod.Put, "antrean/batal", Body(("nomorkartu", "0001234567890"), ("kodepoli", "777"), ("tanggalperiksa", "2026-12-07")), BpjsTeks.FktpUnknownPoli),
        };
        await rig.Caller.TokenAsync().WaitAsync(Bound);
        foreach (var (name, method, path, body, message) in cases)
        {
            var answer = await rig.Caller.CallAsync(method, path, body).WaitAsync(Bound);
            Assert.True((200, 201, message) == (answer.HttpStatus, answer.Code, answer.Message), $"{name}: {answer.HttpStatus} {answer.Raw}");
        }

        Assert.Equal(0, await rig.KioskRequestsAfterAProbeAsync());
    }

    [Fact]
    public async Task Bad_values_in_the_address_are_refused_and_unknown_addresses_still_answer_in_shape()
    {
        await using var rig = await FktpRig.StartAsync();
        await rig.Caller.TokenAsync().WaitAsync(Bound);
        var cases = new (string Name, HttpMethod Method, string Path, int Status, string Message)[]
        {
            ("status, day not a date", HttpMethod.Get, "antrean/status/001/2026-13-01", 200, BpjsTeks.FktpDateRule),
            ("status, unknown poli", HttpMethod.Get, "antrean/status/404/2026-12-07", 200, BpjsTeks.FktpUnknownPoli),
            ("sisa, short card", HttpMethod.Get, "antrean/sisapeserta/123/001/2026-12-07", 200, BpjsTeks.FktpCardRule),
            ("sisa, bad date", HttpMethod.Get, "antrean/sisapeserta/0001234567890/001/kemarin", 200, BpjsTeks.FktpDateRule),
            ("unknown address", HttpMethod.Get, "antrean/daftar", 404, BpjsTeks.FktpUnknownAddress),
            ("status with too many parts", HttpMethod.Get, "antrean/status/001/2026-12-07/x", 404, BpjsTeks.FktpUnknownAddress),
            ("ambil by GET", HttpMethod.Get, "antrean", 405, BpjsTeks.FktpWrongMethod),
            ("batal by POST", HttpMethod.Post, "antrean/batal", 405, BpjsTeks.FktpWrongMethod),
            ("token by POST", HttpMethod.Post, "auth", 405, BpjsTeks.FktpWrongMethod),
        };
        foreach (var (name, method, path, status, message) in cases)
        {
            var answer = await rig.Caller.CallAsync(method, path, method == HttpMethod.Get ? null : "{}"u8.ToArray()).WaitAsync(Bound);
            Assert.True((status, 201, message) == (answer.HttpStatus, answer.Code, answer.Message), $"{name}: {answer.HttpStatus} {answer.Raw}");
        }

        Assert.Equal(0, await rig.KioskRequestsAfterAProbeAsync());
    }

    private static byte[] AmbilBody() => Body(("nomorkartu", "0001234567890"), ("nik", "3201010101010001"), ("kodepoli", "001"), ("tanggalperiksa", "2026-12-07"), ("keluhan", "Demam"));

    /// <summary>A JSON object written member by member, so a test can write one twice.</summary>
    private static byte[] Body(params (string Name, string Value)[] members) =>
        Encoding.UTF8.GetBytes("{" + string.Join(",", members.Select(m => $"\"{m.Name}\":\"{m.Value}\"")) + "}");
}
