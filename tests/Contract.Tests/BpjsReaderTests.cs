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
        { "type unknown (a later request type)", Utf8("{\"type\":\"walk-in\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "book without its members", Utf8("{\"type\":\"book\",\"requestId\":\"r1\",\"ticketId\":\"" + Ticket + "\"}"), "r1" },
        { "book without a ticketId", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\"", ticket: false)), "r1" },
        { "book with a card number of 12 digits", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"000123456789\"")), "r1" },
        { "book with a card number with a letter", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"000123456789A\"")), "r1" },
        { "book with a card number as a JSON number", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":1234567890123")), "r1" },
        { "book with the date in another format", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"07-12-2026\",\"cardNumber\":\"0001234567890\"")), "r1" },
        { "book on 30 February", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-02-30\",\"cardNumber\":\"0001234567890\"")), "r1" },
        { "book with a date and time", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07T08:00:00\",\"cardNumber\":\"0001234567890\"")), "r1" },
        { "book with a NIK of 15 digits", Utf8(Booking("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\",\"nik\":\"350101010101000\"")), "r1" },
        { "book with a service code of spaces", Utf8(Booking("book", "\"serviceCode\":\"A B\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\"")), "r1" },
        { "book with a service code of 33 characters", Utf8(Booking("book", "\"serviceCode\":\"" + new string('A', 33) + "\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\"")), "r1" },
        { "cancel-booking without a card number", Utf8(Booking("cancel-booking", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\"")), "r1" },
        { "cancel-booking with a reason of 201 characters", Utf8(Booking("cancel-booking", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\",\"reason\":\"" + new string('x', 201) + "\"")), "r1" },
        { "cancel-booking with a reason that is an object", Utf8(Booking("cancel-booking", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\",\"reason\":{}")), "r1" },
        { "booking-status without a date", Utf8(Booking("booking-status", "\"serviceCode\":\"A\",\"cardNumber\":\"0001234567890\"")), "r1" },
        { "booking-status with a ticketId that is not a guid", Utf8("{\"type\":\"booking-status\",\"requestId\":\"r1\",\"ticketId\":\"x\",\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\"}"), "r1" },
        { "queue-status without a service", Utf8(Booking("queue-status", "\"visitDate\":\"2026-12-07\"")), "r1" },
        { "queue-status with a malformed card number", Utf8(Booking("queue-status", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"12\"")), "r1" },
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
        Assert.Matches("(Permintaan|requestId|ticketId|Jenis|Versi|Isi|serviceCode|visitDate|cardNumber|nik|reason)", refusal.Message);

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

    [Theory]
    [InlineData("book", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\",\"nik\":\"3501010101010001\"", true)]
    [InlineData("cancel-booking", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\",\"reason\":\"berhalangan\"", false)]
    [InlineData("booking-status", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"cardNumber\":\"0001234567890\"", false)]
    [InlineData("queue-status", "\"serviceCode\":\"A\",\"visitDate\":\"2026-12-07\",\"nik\":null", false)]
    public void A_well_formed_Mobile_JKN_request_reads_with_its_members(string type, string members, bool withTicket)
    {
        var payload = Utf8(Booking(type, members, withTicket));

        Assert.True(BpjsReader.TryReadRequest(payload, out var request, out var refusal), refusal?.Detail);
        Assert.Equal(("A", new DateOnly(2026, 12, 7)), (request.ServiceCode, request.VisitDate));
        Assert.Equal(withTicket ? Guid.Parse(Ticket) : Guid.Empty, request.TicketId);
        Assert.Empty(ContractDocument.Load().ValidateMessage(new SiteTopics("pkm-kokop"), "queue/pkm-kokop/bpjs/request", payload));
    }

    [Fact]
    public void A_booking_reply_and_a_queue_reply_are_read_by_the_bridge_and_follow_the_document()
    {
        var book = new BpjsRequest { Type = BpjsRequestType.Book, RequestId = "r1", TicketId = Guid.Parse(Ticket) };
        var booking = new BpjsBooking
        {
            TicketId = Guid.Parse(Ticket), Number = "A-012", SequenceNumber = 12, ServiceCode = "A", VisitDate = new DateOnly(2026, 12, 7),
            BookingCode = "20261207A012", State = TicketState.Waiting, CheckedIn = false, WaitingAhead = 3, NowCalling = "A-008",
        };
        var queueRequest = new BpjsRequest { Type = BpjsRequestType.QueueStatus, RequestId = "r2", TicketId = Guid.Empty, ServiceCode = "A", VisitDate = new DateOnly(2026, 12, 7) };
        var queue = new BpjsQueueStatus { ServiceCode = "A", VisitDate = new DateOnly(2026, 12, 7), Total = 20, Remaining = 8, NowCalling = null };

        foreach (var bytes in new[]
        {
            ContractJson.SerializeToUtf8Bytes(BpjsReply.WithBooking(book, booking, "Booking dicatat.")),
            ContractJson.SerializeToUtf8Bytes(BpjsReply.WithQueue(queueRequest, queue, "Antrean A.")),
            ContractJson.SerializeToUtf8Bytes(BpjsReply.Refused("r3", BpjsRequestType.Book, Guid.Parse(Ticket), BpjsErrorCode.AlreadyBooked, "Sudah ada.") with { Booking = booking }),
        })
        {
            Assert.True(BpjsReader.TryReadReply(bytes, out _), Encoding.UTF8.GetString(bytes));
            Assert.Empty(ContractDocument.Load().ValidateMessage(new SiteTopics("pkm-kokop"), "queue/pkm-kokop/bpjs/reply", bytes));
        }

        // An ok answer without what its type asks is no reply.
        Assert.False(BpjsReader.TryReadReply(ContractJson.SerializeToUtf8Bytes(BpjsReply.WithQueue(queueRequest, queue, "x") with { Type = BpjsRequestType.Book }), out _));
    }

    private static string Booking(string type, string members, bool ticket = true) =>
        "{\"type\":\"" + type + "\",\"requestId\":\"r1\"," + (ticket ? "\"ticketId\":\"" + Ticket + "\"," : string.Empty) + members + "}";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Utf8(before), .. middle, .. Utf8(after)];
}
