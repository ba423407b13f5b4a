using System.Text;
using System.Text.Json;
using Kiosk.Bpjs.Cards;
using Kiosk.Bpjs.Reporting;
using Kiosk.Broker;
using Kiosk.Mqtt;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The BPJS bridge asks the real kiosk (simulated hardware, real Mosquitto and ACL) for a ticket's card over the private
/// channel, as the <c>bpjs</c> broker user: through the bridge's own <see cref="KioskCardSource"/>, and raw, to see each
/// refusal code and that garbage never stops the kiosk answering counters.
/// </summary>
public sealed class BpjsCardRequestTests
{
    private static readonly TimeSpan Wait = KioskHarness.Wait;
    private const string BpjsCard = "0001234567890";

    [Fact]
    public async Task The_bridge_gets_the_full_card_number_of_a_jkn_ticket_scanned_today()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var scanned = await kiosk.ScanAsync(BpjsCard);
        var ticket = kiosk.Session.Engine.TodayTickets().Single(t => t.Number == scanned.Number);
        await using var cards = await StartCardSourceAsync(kiosk);

        var card = await cards.CardOfAsync(ticket.Id, CancellationToken.None);

        Assert.Equal(new JknCard(BpjsCard, string.Empty, null), card);
    }

    [Fact]
    public async Task The_bridge_gets_no_card_for_a_ticket_without_one_nor_for_an_unknown_id()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var pressed = await kiosk.PressAsync("umum");
        var ticket = kiosk.Session.Engine.TodayTickets().Single(t => t.Number == pressed.Number);
        await using var cards = await StartCardSourceAsync(kiosk);

        Assert.Null(await cards.CardOfAsync(ticket.Id, CancellationToken.None));
        Assert.Null(await cards.CardOfAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Each_request_gets_its_refusal_code_and_a_reply_that_follows_the_contract()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var pressed = await kiosk.PressAsync("umum");
        var umum = kiosk.Session.Engine.TodayTickets().Single(t => t.Number == pressed.Number);
        var unknown = Guid.NewGuid();

        var kartuBerobat = await kiosk.ScanAsync("RM000123");
        var returning = kiosk.Session.Engine.TodayTickets().Single(t => t.Number == kartuBerobat.Number);

        var noCard = await AskRawAsync(kiosk, $$"""{"type":"card","requestId":"r-1","ticketId":"{{umum.Id:D}}"}""", "r-1");
        var notFound = await AskRawAsync(kiosk, $$"""{"type":"card","requestId":"r-2","ticketId":"{{unknown:D}}"}""", "r-2");
        var notJkn = await AskRawAsync(kiosk, $$"""{"type":"card","requestId":"r-3","ticketId":"{{returning.Id:D}}"}""", "r-3");

        Assert.Equal(("r-1", false, "no-card"), Summary(noCard));
        Assert.Equal(("r-2", false, "unknown-ticket"), Summary(notFound));
        Assert.Equal(("r-3", false, "not-jkn"), Summary(notJkn));
        Assert.DoesNotContain("000123", notJkn.ToString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, noCard.GetProperty("card").ValueKind);
        Assert.Equal(unknown.ToString("D"), notFound.GetProperty("ticketId").GetString());
    }

    [Theory]
    [InlineData("not json at all", null)]
    [InlineData("[1,2,3]", null)]
    [InlineData("""{"type":"card","requestId":"r-bad","ticketId":"not-a-guid"}""", "r-bad")]
    [InlineData("""{"type":"book","requestId":"r-type","ticketId":"6d3f1d0e-2b1c-4a57-9a0e-3c1f4e5d6a7b"}""", "r-type")]
    [InlineData("""{"type":"card","ticketId":"6d3f1d0e-2b1c-4a57-9a0e-3c1f4e5d6a7b"}""", null)]
    [InlineData("""{"type":"card","requestId":"r-dup","requestId":"r-dup2","ticketId":"6d3f1d0e-2b1c-4a57-9a0e-3c1f4e5d6a7b"}""", null)]
    public async Task Malformed_bytes_get_a_bad_request_reply_and_the_kiosk_still_answers_counters(string payload, string? echoedId)
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await kiosk.PressAsync("umum");

        var reply = await AskRawAsync(kiosk, payload, echoedId);
        var counter = await kiosk.CommandAsync(1, new { commandId = "after-bad-bpjs", type = "call-next" });

        Assert.Equal((echoedId, false, "bad-request"), Summary(reply));
        Assert.DoesNotContain("Exception", reply.GetProperty("message").GetString()!, StringComparison.Ordinal);
        Assert.True(counter.GetProperty("ok").GetBoolean(), counter.ToString());
        Assert.Equal("A-001", counter.GetProperty("ticket").GetProperty("number").GetString());
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_get_a_bad_request_reply()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var bpjs = kiosk.User(BrokerRoles.Bpjs);
        var path = Path.Combine(Path.GetTempPath(), $"bpjs-broken-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, [.. "{\"type\":\"card\",\"requestId\":\"r-utf\",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        try
        {
            await using var replies = await MosquittoSubscriber.StartAsync(kiosk.Broker, bpjs, KioskHarness.Topics.BpjsReply);
            Assert.Equal(0, await MosquittoClients.TryPublishFileAsync(kiosk.Broker, bpjs, KioskHarness.Topics.BpjsRequest, path));
            var reply = await ReadReplyAsync(replies);

            Assert.Equal((false, "bad-request"), (Summary(reply).Ok, Summary(reply).ErrorCode));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_card_source_times_out_when_no_kiosk_answers()
    {
        // The broker and ACL of a site whose kiosk is not running: the request is taken, nobody answers.
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = KioskHarness.Site, CounterCount = 1 });
        var client = new MqttClient(KioskCardSource.ClientOptions(broker.Host, broker.Port, broker.Site, broker.For(BrokerRoles.Bpjs).Password));
        await using var cards = new KioskCardSource(client, KioskHarness.Topics, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger<KioskCardSource>.Instance);
        await cards.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => cards.CardOfAsync(Guid.NewGuid(), CancellationToken.None).WaitAsync(Wait));
    }

    private static async Task<KioskCardSource> StartCardSourceAsync(KioskHarness kiosk)
    {
        await KioskAnswersAsync(kiosk);
        var options = KioskCardSource.ClientOptions(kiosk.Broker.Host, kiosk.Broker.Port, kiosk.Broker.Site, kiosk.User(BrokerRoles.Bpjs).Password);
        var source = new KioskCardSource(new MqttClient(options), KioskHarness.Topics, Wait, TimeProvider.System, NullLogger<KioskCardSource>.Instance);
        await source.StartAsync(CancellationToken.None);
        return source;
    }

    /// <summary>
    /// Publishes a request as the bpjs user and returns the kiosk's reply, checked against docs/asyncapi.yaml. Asked
    /// again every 3 s without a reply (as the bridge does after its timeout), within the 20 s bound: a request published
    /// before the kiosk's subscription is in place is not kept for it.
    /// </summary>
    /// <param name="requestId">The id the reply must echo (null: unreadable); a late answer to an earlier ask is skipped.</param>
    private static async Task<JsonElement> AskRawAsync(KioskHarness kiosk, string payload, string? requestId)
    {
        var bpjs = kiosk.User(BrokerRoles.Bpjs);
        await using var replies = await MosquittoSubscriber.StartAsync(kiosk.Broker, bpjs, KioskHarness.Topics.BpjsReply);
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await MosquittoClients.PublishAsync(kiosk.Broker, bpjs, KioskHarness.Topics.BpjsRequest, payload);
            try
            {
                var reply = await ReadReplyAsync(replies, TimeSpan.FromSeconds(3));
                while (reply.GetProperty("requestId").GetString() != requestId)
                {
                    reply = await ReadReplyAsync(replies, TimeSpan.FromSeconds(3));
                }

                return reply;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not answered yet: ask again.
            }
        }
    }

    /// <summary>The kiosk answers the private channel (its subscription is in place) before the bridge's source asks.</summary>
    private static async Task KioskAnswersAsync(KioskHarness kiosk)
    {
        var probe = await AskRawAsync(kiosk, $$"""{"type":"card","requestId":"ready","ticketId":"{{Guid.NewGuid():D}}"}""", "ready");
        Assert.Equal(("ready", false, "unknown-ticket"), Summary(probe));
    }

    private static async Task<JsonElement> ReadReplyAsync(MosquittoSubscriber replies, TimeSpan? wait = null)
    {
        var (topic, reply) = await replies.NextAsync(wait ?? Wait);
        var violations = ContractDocument.Load().ValidateMessage(KioskHarness.Topics, topic, Encoding.UTF8.GetBytes(reply));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        return JsonDocument.Parse(reply).RootElement.Clone();
    }

    private static (string? RequestId, bool Ok, string? ErrorCode) Summary(JsonElement reply) =>
        (reply.GetProperty("requestId").GetString(), reply.GetProperty("ok").GetBoolean(), reply.GetProperty("errorCode").GetString());
}
