using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract;
using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.Queue.Model;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class IssueFlowTests
{
    private static readonly TimeSpan Wait = KioskHarness.Wait;

    [Fact]
    public async Task A_button_press_prints_the_ticket_then_publishes_its_event_and_the_state()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var display = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/events", $"{kiosk.Root}/state");

        var outcome = await kiosk.PressAsync("umum");

        Assert.Equal("Printed", outcome.Kind);
        Assert.Equal("A-001", outcome.Number);
        var receipt = Assert.Single(kiosk.Receipts);
        var number = receipt.TextLines.Single(l => l.Text == "A-001");
        Assert.Equal(8, number.Runs[0].Style.WidthMultiplier);
        Assert.Contains("PENDAFTARAN UMUM", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("Simpan tiket ini sampai dipanggil", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("WIB", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("Pasien baru: KTP, Kartu Keluarga (KK)", receipt.Text, StringComparison.Ordinal);
        var ticket = Assert.Single(kiosk.Session.Engine.TodayTickets());
        Assert.Equal($"ANTREAN:{ticket.Id:D}", receipt.Blocks.OfType<QrBlock>().Single().Payload);
        Assert.True(receipt.IsCut);

        var issued = await NextEventAsync(display, "ticket.issued");
        Assert.Equal("A-001", issued.GetProperty("data").GetProperty("number").GetString());
        var state = await NextStateAsync(display, s => s.GetProperty("services").EnumerateArray().Any(x => x.GetProperty("serviceCode").GetString() == "UMUM" && x.TryGetProperty("lastNumber", out var last) && last.GetString() == "A-001"));
        Assert.Equal("pkm-kokop", state.GetProperty("site").GetString());
    }

    [Fact]
    public async Task A_counter_command_calls_the_ticket_and_the_led_board_line_shows_it()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await kiosk.PressAsync("umum");
        await using var board = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/display/1");

        var reply = await kiosk.CommandAsync(1, new { commandId = "c-1", type = "call-next" });

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal("A-001", reply.GetProperty("ticket").GetProperty("number").GetString());
        await WaitForAsync(board, (_, payload) => payload == "A-001");
    }

    [Fact]
    public async Task An_impatient_double_press_gives_one_ticket_and_the_second_press_is_told_why()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var seen = kiosk.Activities("umum", 2, a => a.Kind != KioskActivity.QueuedKind);

        // Two presses 180 ms apart on the panel's own timeline, inside the 200 ms lock-out, however busy the machine is.
        kiosk.Session.Buttons.Bounce("umum", (true, TimeSpan.Zero), (false, TimeSpan.FromMilliseconds(100)), (true, TimeSpan.FromMilliseconds(180)), (false, TimeSpan.FromMilliseconds(280)));
        var decided = await seen.WaitAsync(Wait);
        // A press on another button is the sentinel: tickets are printed in order, so a second A ticket would come first.
        var sentinel = await kiosk.PressAsync("bpjs");

        Assert.Equal("B-001", sentinel.Number);
        Assert.Equal(["A-001", "B-001"], kiosk.Session.Engine.TodayTickets().Select(t => t.Number).Order().ToArray());
        var refusal = Assert.Single(decided, a => a.Kind == "DoublePress");
        Assert.Contains("satu tekanan untuk satu tiket", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("A-001", Assert.Single(decided, a => a.Kind == "Printed").Number);
    }

    [Fact]
    public async Task Presses_0_6_s_apart_on_the_panel_timeline_give_a_ticket_every_third_press_and_a_told_refusal_for_the_rest()
    {
        // The shipped lock-out, 1.5 s; presses every 0.6 s on the button panel's timeline (no real waiting).
        await using var kiosk = await KioskHarness.StartAsync(new Dictionary<string, string> { ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = "1500" });
        const int presses = 9;
        var seen = kiosk.Activities("umum", presses, a => a.Kind != KioskActivity.QueuedKind);
        var levels = Enumerable.Range(0, presses).SelectMany(i => new[] { (true, TimeSpan.FromMilliseconds(600 * i)), (false, TimeSpan.FromMilliseconds((600 * i) + 120)) }).ToArray();

        kiosk.Session.Buttons.Bounce("umum", levels);
        var decided = await seen.WaitAsync(Wait);

        Assert.Equal(3, decided.Count(a => a.Kind == "Printed"));
        Assert.Equal(6, decided.Count(a => a.Kind == "DoublePress"));
        Assert.Equal(["A-001", "A-002", "A-003"], kiosk.Session.Engine.TodayTickets().Select(t => t.Number).ToArray());
    }

    [Fact]
    public async Task A_bpjs_card_scan_issues_a_bpjs_ticket_and_its_number_reaches_only_the_counter()
    {
        const string card = "0001234567890";
        await using var kiosk = await KioskHarness.StartAsync();
        await using var display = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/#");

        var outcome = await kiosk.ScanAsync(card);

        Assert.Equal("B-001", outcome.Number);
        var receipt = Assert.Single(kiosk.Receipts);
        Assert.DoesNotContain(card, receipt.Text, StringComparison.Ordinal);
        Assert.Contains("7890", receipt.Text, StringComparison.Ordinal);
        var reply = await kiosk.CommandAsync(2, new { commandId = "scan-call", type = "call-next" });
        Assert.Equal(card, reply.GetProperty("ticket").GetProperty("cardData").GetProperty("number").GetString());
        Assert.Equal("bpjs", reply.GetProperty("ticket").GetProperty("payer").GetString());

        // Everything the display role received up to the call: never the full card number.
        await WaitForAsync(display, (topic, payload) =>
        {
            Assert.DoesNotContain(card, payload, StringComparison.Ordinal);
            return topic.EndsWith("/display/2", StringComparison.Ordinal) && payload == "B-001";
        });
    }

    [Fact]
    public async Task The_same_card_scanned_twice_gives_one_ticket()
    {
        await using var kiosk = await KioskHarness.StartAsync();

        var first = await kiosk.ScanAsync("0001234567890");
        var again = await kiosk.ScanAsync("0001234567890");

        Assert.Equal("B-001", first.Number);
        Assert.Equal("DuplicateScan", again.Kind);
        Assert.Single(kiosk.Session.Engine.TodayTickets());
    }

    [Theory]
    [InlineData("garbage\u0001\u0002")]
    [InlineData("12345")]
    [InlineData("SELECT * FROM tickets")]
    public async Task A_bad_scan_is_refused_with_a_reason_and_issues_nothing(string scan)
    {
        await using var kiosk = await KioskHarness.StartAsync();

        var outcome = await kiosk.ScanAsync(scan);
        var sentinel = await kiosk.PressAsync("umum");

        Assert.Equal("ScanRejected", outcome.Kind);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
        Assert.Equal("A-001", sentinel.Number);
        Assert.Single(kiosk.Session.Engine.TodayTickets());
    }

    internal static async Task<JsonElement> NextEventAsync(MosquittoSubscriber subscriber, string type, string? number = null)
    {
        JsonElement found = default;
        await WaitForAsync(subscriber, (topic, payload) =>
        {
            if (!topic.EndsWith("/events", StringComparison.Ordinal))
            {
                return false;
            }

            var e = JsonDocument.Parse(payload).RootElement;
            if (e.GetProperty("type").GetString() != type || (number is not null && e.GetProperty("data").GetProperty("number").GetString() != number))
            {
                return false;
            }

            found = e.Clone();
            return true;
        });
        return found;
    }

    internal static async Task<JsonElement> NextStateAsync(MosquittoSubscriber subscriber, Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        await WaitForAsync(subscriber, (topic, payload) =>
        {
            if (!topic.EndsWith("/state", StringComparison.Ordinal))
            {
                return false;
            }

            var state = JsonDocument.Parse(payload).RootElement;
            if (!match(state))
            {
                return false;
            }

            found = state.Clone();
            return true;
        });
        return found;
    }

    internal static async Task WaitForAsync(MosquittoSubscriber subscriber, Func<string, string, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("The expected message did not arrive.");
            }

            var (topic, payload) = await subscriber.NextAsync(remaining);
            if (match(topic, payload))
            {
                return;
            }
        }
    }

    internal static bool IsCallable(Ticket ticket) => ticket.PrintState is PrintState.Printed or PrintState.NotRequired;
}
