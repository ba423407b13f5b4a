using System.Text;
using System.Text.Json;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Contract.Tests;

/// <summary>
/// The BPJS bridge's private channel: every byte sequence on <c>bpjs/request</c> gets a request or a refusal the kiosk
/// sends back in Bahasa Indonesia, following the document; the bridge's reply reader is total too.
/// </summary>
public sealed class BpjsReaderTests
{
    private const string Ticket = "0193a1b2-0000-7000-8000-0000000000a1";

    public static TheoryData<string, byte[], string?> MalformedKinds() => new()
    {
        { "invalid UTF-8 in requestId", Bytes("{\"type\":\"card\",\"requestId\":\"", [0xc3, 0x28], "\",\"ticketId\":\"" + Ticket + "\"}"), null },
        { "invalid UTF-8 in a member the kiosk ignores", Bytes("{\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\",\"x\":\"", [0xc0, 0xaf], "\"}"), "r1" },
        { "lone surrogate escape in requestId", Utf8("{\"type\":\"card\",\"requestId\":\"\\ud800\",\"ticketId\":\"" + Ticket + "\"}"), null },
        { "lone surrogate escape in ticketId", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"\\udfff\"}"), "r1" },
        { "deep nesting", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), null },
        { "duplicate requestId", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"requestId\":\"r2\",\"ticketId\":\"" + Ticket + "\"}"), null },
        { "requestId a number", Utf8("{\"type\":\"card\",\"requestId\":7,\"ticketId\":\"" + Ticket + "\"}"), null },
        { "requestId blank", Utf8("{\"type\":\"card\",\"requestId\":\"  \",\"ticketId\":\"" + Ticket + "\"}"), null },
        { "requestId too long", Utf8("{\"type\":\"card\",\"requestId\":\"" + new string('x', 101) + "\",\"ticketId\":\"" + Ticket + "\"}"), null },
        { "type unknown (a later request type)", Utf8("{\"type\":\"book\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "type in another case", Utf8("{\"type\":\"Card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "type missing", Utf8("{\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "ticketId not a guid", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"B-001\"}"), "r1" },
        { "ticketId the empty guid", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"00000000-0000-0000-0000-000000000000\"}"), "r1" },
        { "ticketId a number", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":12}"), "r1" },
        { "contractVersion of another major", Utf8("{\"contractVersion\":\"2.0\",\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "contractVersion a number", Utf8("{\"contractVersion\":1,\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "every field missing", Utf8("{}"), null },
        { "empty payload", [], null },
        { "null", Utf8("null"), null },
        { "an array", Utf8("[{\"type\":\"card\"}]"), null },
        { "truncated", Utf8("{\"type\":\"card\",\"requestId\":\"r1"), null },
        { "trailing garbage", Utf8("{\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"} x"), null },
        { "NUL bytes", [0, 0, 0, 0], null },
        { "UTF-16 with a byte-order mark", [0xff, 0xfe, (byte)'{', 0, (byte)'}', 0], null },
    };

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public void A_malformed_request_is_refused_with_a_reply_that_follows_the_contract(string kind, byte[] payload, string? echoedId)
    {
        var read = BpjsReader.TryReadRequest(payload, out var request, out var refusal);

        Assert.False(read, $"{kind}: read as {request}");
        Assert.NotNull(refusal);
        Assert.Equal(echoedId, refusal.RequestId);
        Assert.Contains(refusal.Code, new[] { BpjsErrorCode.BadRequest, BpjsErrorCode.UnsupportedVersion });
        Assert.DoesNotContain("Exception", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON value", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("(Permintaan|requestId|ticketId|Jenis|Versi|Isi)", refusal.Message);

        var reply = JsonDocument.Parse(ContractJson.SerializeToUtf8Bytes(refusal.ToReply())).RootElement;
        Assert.Empty(ContractDocument.Load().Validate("BpjsReply", reply));
    }

    [Fact]
    public void A_well_formed_request_reads_and_what_the_bridge_writes_follows_the_document()
    {
        var written = ContractJson.SerializeToUtf8Bytes(new BpjsRequest { Type = BpjsRequestType.Card, RequestId = "r1", TicketId = Guid.Parse(Ticket) });

        Assert.True(BpjsReader.TryReadRequest(written, out var request, out _));
        Assert.Equal((BpjsRequestType.Card, "r1", Guid.Parse(Ticket)), (request.Type, request.RequestId, request.TicketId));
        Assert.Empty(ContractDocument.Load().ValidateMessage(new SiteTopics("pkm-kokop"), "queue/pkm-kokop/bpjs/request", written));
    }

    [Fact]
    public void A_request_of_a_newer_minor_version_with_unknown_members_is_read()
    {
        Assert.True(BpjsReader.TryReadRequest(Utf8("{\"contractVersion\":\"1.9\",\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\",\"poli\":\"001\"}"), out var request, out _));

        Assert.Equal("r1", request.RequestId);
    }

    [Fact]
    public void A_card_reply_round_trips_and_follows_the_document()
    {
        var request = new BpjsRequest { Type = BpjsRequestType.Card, RequestId = "r1", TicketId = Guid.Parse(Ticket) };
        var bytes = ContractJson.SerializeToUtf8Bytes(BpjsReply.WithCard(request, new CardData(CardKind.Bpjs, "0001234567890"), "Nomor kartu tiket dikirim."));

        Assert.True(BpjsReader.TryReadReply(bytes, out var reply));
        Assert.Equal(new CardData(CardKind.Bpjs, "0001234567890"), reply.Card);
        Assert.Empty(ContractDocument.Load().ValidateMessage(new SiteTopics("pkm-kokop"), "queue/pkm-kokop/bpjs/reply", bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"contractVersion\":\"1.1\",\"requestId\":\"r1\",\"type\":\"card\",\"ticketId\":null,\"ok\":true,\"card\":null,\"errorCode\":null,\"message\":\"x\"}")]
    [InlineData("{\"contractVersion\":\"1.1\",\"requestId\":\"r1\",\"type\":\"card\",\"ticketId\":null,\"ok\":false,\"card\":null,\"errorCode\":null,\"message\":\"x\"}")]
    [InlineData("{\"contractVersion\":\"2.0\",\"requestId\":\"r1\",\"type\":\"card\",\"ticketId\":null,\"ok\":false,\"card\":null,\"errorCode\":\"no-card\",\"message\":\"x\"}")]
    [InlineData("{\"contractVersion\":\"1.1\",\"requestId\":\"r1\",\"type\":\"card\",\"ticketId\":null,\"ok\":false,\"card\":null,\"errorCode\":\"gone\",\"message\":\"x\"}")]
    [InlineData("{\"contractVersion\":\"1.1\",\"requestId\":\"\\ud800\",\"type\":\"card\",\"ticketId\":null,\"ok\":false,\"card\":null,\"errorCode\":\"no-card\",\"message\":null}")]
    public void The_bridge_drops_what_is_not_a_reply(string payload)
    {
        Assert.False(BpjsReader.TryReadReply(Utf8(payload), out _));
    }

    [Fact]
    public void Random_bytes_and_mutations_of_a_request_never_throw()
    {
        var valid = Utf8("{\"contractVersion\":\"1.1\",\"type\":\"card\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}");
        var random = new Random(24);
        for (var i = 0; i < 20_000; i++)
        {
            byte[] payload;
            if (i % 2 == 0)
            {
                payload = new byte[random.Next(0, 200)];
                random.NextBytes(payload);
            }
            else
            {
                payload = (byte[])valid.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    payload[random.Next(payload.Length)] = (byte)random.Next(256);
                }
            }

            var read = BpjsReader.TryReadRequest(payload, out var request, out var refusal);
            Assert.True(read ? request is not null : refusal is not null);
            _ = BpjsReader.TryReadReply(payload, out _);
        }
    }

    [Fact]
    public void The_enums_of_the_channel_are_the_documents_kebab_case_lists()
    {
        var schemas = ContractDocument.Load().Document["components"]!["schemas"]!;

        Assert.Equal(Names<BpjsRequestType>(), schemas["BpjsRequestType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(Names<BpjsErrorCode>(), schemas["BpjsErrorCode"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));

        static List<string> Names<T>() where T : struct, Enum =>
            Enum.GetValues<T>().Select(v => JsonSerializer.Serialize(v, ContractJson.Options).Trim('"')).ToList();
    }

    [Fact]
    public void The_channel_is_spelled_in_SiteTopics_and_classified_back()
    {
        var topics = new SiteTopics("pkm-kokop");

        Assert.Equal(("queue/pkm-kokop/bpjs/request", "queue/pkm-kokop/bpjs/reply"), (topics.BpjsRequest, topics.BpjsReply));
        Assert.Equal(TopicKind.BpjsRequest, topics.Classify(topics.BpjsRequest, out _));
        Assert.Equal(TopicKind.BpjsReply, topics.Classify(topics.BpjsReply, out _));
        Assert.Equal(TopicKind.Unknown, topics.Classify("queue/pkm-kokop/bpjs/+", out _));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Utf8(before), .. middle, .. Utf8(after)];
}
