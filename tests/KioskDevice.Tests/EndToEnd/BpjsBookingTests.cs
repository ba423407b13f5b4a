using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// Mobile JKN through the real kiosk (simulated hardware, real Mosquitto and ACL): the BPJS bridge books as the
/// <c>bpjs</c> broker user, the patient scans the booking code at the simulated reader, the ticket prints marked Mobile
/// JKN, a loket calls and serves it; and every malformed Mobile JKN request gets its code, the kiosk still answering.
/// </summary>
public sealed class BpjsBookingTests
{
    private static readonly TimeSpan Wait = KioskHarness.Wait;
    private const string Card = "0001234567890";

    [Fact]
    public async Task A_booking_is_checked_in_by_its_code_printed_as_Mobile_JKN_called_and_served()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var day = Day(kiosk);
        await kiosk.PressAsync("bpjs");
        var ticketId = Guid.NewGuid();

        var booked = await AskAsync(kiosk, Request("book", "r-book", ticketId, day, Card));
        var again = await AskAsync(kiosk, Request("book", "r-book-2", ticketId, day, Card));
        var booking = booked.GetProperty("booking");
        var code = booking.GetProperty("bookingCode").GetString()!;
        var number = booking.GetProperty("number").GetString()!;
        var walkIn = await kiosk.PressAsync("bpjs");

        Assert.True(booked.GetProperty("ok").GetBoolean(), booked.ToString());
        Assert.Equal(("B-002", 2, false), (number, booking.GetProperty("sequenceNumber").GetInt32(), booking.GetProperty("checkedIn").GetBoolean()));
        Assert.Equal(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "B002", code);
        Assert.Equal(number, again.GetProperty("booking").GetProperty("number").GetString());
        Assert.Equal("B-003", walkIn.Number);

        var scanned = await kiosk.ScanAsync("JKN:" + code);
        Assert.Equal(("Printed", number), (scanned.Kind, scanned.Number));
        var receipt = kiosk.Receipts[^1];
        Assert.Contains(Lines(receipt), line => line.Contains("Mobile JKN", StringComparison.Ordinal));
        Assert.Contains(Lines(receipt), line => line.Contains(number, StringComparison.Ordinal));

        var first = await kiosk.CommandAsync(2, new { commandId = "c-1", type = "call-next" });
        Assert.Equal("B-001", first.GetProperty("ticket").GetProperty("number").GetString());
        await kiosk.CommandAsync(2, new { commandId = "c-2", type = "serve" });
        var second = await kiosk.CommandAsync(2, new { commandId = "c-3", type = "call-next" });
        Assert.Equal(number, second.GetProperty("ticket").GetProperty("number").GetString());
        var served = await kiosk.CommandAsync(2, new { commandId = "c-4", type = "serve" });
        Assert.True(served.GetProperty("ok").GetBoolean(), served.ToString());

        var status = await AskAsync(kiosk, Request("booking-status", "r-status", null, day, Card));
        var queue = await AskAsync(kiosk, Request("queue-status", "r-queue", null, day, null));
        Assert.Equal(("served", true), (status.GetProperty("booking").GetProperty("state").GetString(), status.GetProperty("booking").GetProperty("checkedIn").GetBoolean()));
        Assert.Equal((3, 1, number), (queue.GetProperty("queue").GetProperty("total").GetInt32(), queue.GetProperty("queue").GetProperty("remaining").GetInt32(),
            queue.GetProperty("queue").GetProperty("nowCalling").GetString()));
    }

    [Fact]
    public async Task The_JKN_card_that_holds_a_booking_checks_it_in_and_scanned_again_gets_no_second_number()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var day = Day(kiosk);
        var booked = await AskAsync(kiosk, Request("book", "r-book", Guid.NewGuid(), day, Card));
        var number = booked.GetProperty("booking").GetProperty("number").GetString()!;

        var scanned = await kiosk.ScanAsync(Card);
        var printed = kiosk.Receipts.Count;
        var again = await kiosk.ScanAsync(Card);

        Assert.Equal(("Printed", number), (scanned.Kind, scanned.Number));
        Assert.Equal("Refused", again.Kind);
        Assert.Equal($"Anda sudah hadir dengan nomor {number}. Silakan tunggu panggilan.", again.Message);
        Assert.Equal(printed, kiosk.Receipts.Count);
        Assert.Single(kiosk.Session.Engine.TodayTickets());
    }

    [Fact]
    public async Task A_booking_BPJS_cancelled_is_told_in_one_sentence_at_the_reader_and_prints_nothing()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var day = Day(kiosk);
        var booked = await AskAsync(kiosk, Request("book", "r-book", Guid.NewGuid(), day, Card));
        var code = booked.GetProperty("booking").GetProperty("bookingCode").GetString()!;

        var cancelled = await AskAsync(kiosk, Request("cancel-booking", "r-cancel", null, day, Card, "\"reason\":\"pasien berhalangan\""));
        var printedBefore = kiosk.Receipts.Count;
        var scanned = await kiosk.ScanAsync("JKN:" + code);

        Assert.Equal("cancelled", cancelled.GetProperty("booking").GetProperty("state").GetString());
        Assert.Equal("Refused", scanned.Kind);
        Assert.Equal("Booking ini sudah dibatalkan. Silakan ambil nomor antrean baru.", scanned.Message);
        Assert.Equal(printedBefore, kiosk.Receipts.Count);
    }

    [Fact]
    public async Task A_booking_for_tomorrow_holds_tomorrow_s_number_and_its_code_scanned_today_is_told_to_come_then()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var tomorrow = Day(kiosk).AddDays(1);

        var booked = await AskAsync(kiosk, Request("book", "r-book", Guid.NewGuid(), tomorrow, Card));
        var queue = await AskAsync(kiosk, Request("queue-status", "r-queue", null, tomorrow, null));
        var booking = booked.GetProperty("booking");
        var code = booking.GetProperty("bookingCode").GetString()!;
        var scanned = await kiosk.ScanAsync("JKN:" + code);
        var card = await kiosk.ScanAsync(Card);

        Assert.True(booked.GetProperty("ok").GetBoolean(), booked.ToString());
        Assert.Equal(("B-001", tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (booking.GetProperty("number").GetString(), booking.GetProperty("visitDate").GetString()));
        Assert.Equal(tomorrow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "B001", code);
        Assert.False(booking.TryGetProperty("nowCalling", out var calling) && calling.ValueKind != JsonValueKind.Null);
        Assert.Equal((1, 1), (queue.GetProperty("queue").GetProperty("total").GetInt32(), queue.GetProperty("queue").GetProperty("remaining").GetInt32()));
        Assert.Equal("ScanRejected", scanned.Kind);
        Assert.Contains("bukan hari ini", scanned.Message, StringComparison.Ordinal);
        // The card itself today: the patient came a day early and gets today's number, as any JKN card would.
        Assert.Equal(("Printed", "B-001"), (card.Kind, card.Number));
        Assert.Single(kiosk.Session.Engine.TodayTickets());
    }

    [Fact]
    public async Task Each_Mobile_JKN_refusal_has_its_code_and_the_kiosk_still_answers_counters()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var day = Day(kiosk);
        await AskAsync(kiosk, Request("book", "r-book", Guid.NewGuid(), day, Card));

        var answers = new Dictionary<string, JsonElement>
        {
            ["bad-request"] = await AskAsync(kiosk, Request("book", "r-1", Guid.NewGuid(), day, "123")),
            ["unknown-service"] = await AskAsync(kiosk, Request("book", "r-2", Guid.NewGuid(), day, "0009999999999", service: "X-TIDAK-ADA")),
            ["date-not-bookable"] = await AskAsync(kiosk, Request("book", "r-3", Guid.NewGuid(), day.AddDays(-1), "0009999999999")),
            ["already-booked"] = await AskAsync(kiosk, Request("book", "r-4", Guid.NewGuid(), day, Card)),
            ["booking-not-found"] = await AskAsync(kiosk, Request("booking-status", "r-5", null, day, "0009999999999")),
        };
        var counter = await kiosk.CommandAsync(2, new { commandId = "after-refusals", type = "call-next" });

        Assert.All(answers, a => Assert.Equal((false, a.Key), (a.Value.GetProperty("ok").GetBoolean(), a.Value.GetProperty("errorCode").GetString())));
        Assert.All(answers.Values, a => Assert.DoesNotContain(Card, a.GetProperty("message").GetString()!, StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Object, answers["already-booked"].GetProperty("booking").ValueKind);
        Assert.Equal("nothing-to-call", counter.GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData("""{"type":"book","requestId":"m-1","ticketId":"6d3f1d0e-2b1c-4a57-9a0e-3c1f4e5d6a7b","serviceCode":"BPJS","visitDate":"2026-13-01","cardNumber":"0001234567890"}""", "m-1")]
    [InlineData("""{"type":"book","requestId":"m-2","serviceCode":"BPJS","visitDate":"2026-12-07","cardNumber":"0001234567890"}""", "m-2")]
    [InlineData("""{"type":"cancel-booking","requestId":"m-3","serviceCode":"BPJS","visitDate":"2026-12-07","cardNumber":"00012345678901"}""", "m-3")]
    [InlineData("""{"type":"booking-status","requestId":"m-4","serviceCode":"BPJS","visitDate":"2026-12-07"}""", "m-4")]
    [InlineData("""{"type":"queue-status","requestId":"m-5","visitDate":"2026-12-07"}""", "m-5")]
    [InlineData("""{"type":"queue-status","requestId":"m-6","serviceCode":7,"visitDate":"2026-12-07"}""", "m-6")]
    public async Task A_malformed_Mobile_JKN_request_gets_bad_request_in_Indonesian(string payload, string requestId)
    {
        await using var kiosk = await KioskHarness.StartAsync();

        var reply = await AskAsync(kiosk, payload, requestId);

        Assert.Equal((false, "bad-request"), (reply.GetProperty("ok").GetBoolean(), reply.GetProperty("errorCode").GetString()));
        Assert.Matches("(wajib|harus)", reply.GetProperty("message").GetString()!);
    }

    private static DateOnly Day(KioskHarness kiosk) => kiosk.Session.Engine.BusinessDay;

    private static IEnumerable<string> Lines(Receipt receipt) => receipt.Blocks.OfType<TextLine>().Select(l => l.Text);

    private static string Request(string type, string requestId, Guid? ticketId, DateOnly day, string? card, string? extra = null, string service = "BPJS")
    {
        var members = new List<string>
        {
            $"\"type\":\"{type}\"", $"\"requestId\":\"{requestId}\"", $"\"serviceCode\":\"{service}\"",
            $"\"visitDate\":\"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"",
        };
        if (ticketId is { } id)
        {
            members.Add($"\"ticketId\":\"{id:D}\"");
        }

        if (card is not null)
        {
            members.Add($"\"cardNumber\":\"{card}\"");
        }

        if (extra is not null)
        {
            members.Add(extra);
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static Task<JsonElement> AskAsync(KioskHarness kiosk, string payload) =>
        AskAsync(kiosk, payload, JsonDocument.Parse(payload).RootElement.GetProperty("requestId").GetString()!);

    /// <summary>
    /// Publishes as the bpjs user and returns the reply with this request id, checked against docs/asyncapi.yaml; asked
    /// again every 3 s within the 20 s bound (a request published before the kiosk subscribed is not kept for it). A
    /// repeated book is safe: the same ticketId books once.
    /// </summary>
    private static async Task<JsonElement> AskAsync(KioskHarness kiosk, string payload, string requestId)
    {
        var bpjs = kiosk.User(BrokerRoles.Bpjs);
        await using var replies = await MosquittoSubscriber.StartAsync(kiosk.Broker, bpjs, KioskHarness.Topics.BpjsReply);
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await MosquittoClients.PublishAsync(kiosk.Broker, bpjs, KioskHarness.Topics.BpjsRequest, payload);
            try
            {
                while (true)
                {
                    var (topic, reply) = await replies.NextAsync(TimeSpan.FromSeconds(3));
                    var violations = ContractDocument.Load().ValidateMessage(KioskHarness.Topics, topic, Encoding.UTF8.GetBytes(reply));
                    Assert.True(violations.Count == 0, string.Join("\n", violations));
                    var element = JsonDocument.Parse(reply).RootElement.Clone();
                    if (element.GetProperty("requestId").GetString() == requestId)
                    {
                        return element;
                    }
                }
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not answered yet: ask again.
            }
        }
    }
}
