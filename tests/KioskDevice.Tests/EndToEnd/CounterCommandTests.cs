using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class CounterCommandTests
{
    [Theory]
    [InlineData("{not json", "bukan JSON yang sah")]
    [InlineData("{\"type\":\"call-next\"}", "commandId wajib")]
    [InlineData("{\"commandId\":\"x1\",\"type\":\"make-coffee\"}", "tidak dikenal")]
    [InlineData("{\"commandId\":\"x2\",\"type\":\"call-next\",\"sentAt\":\"2020-01-01T00:00:00Z\"}", "jam PC loket selisih")]
    [InlineData("{\"commandId\":\"x3\",\"type\":\"emergency\",\"service\":\"UGD\",\"familySize\":99}", "keluarga")]
    public async Task A_bad_command_gets_an_error_reply_and_the_kiosk_keeps_serving(string payload, string expected)
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await kiosk.PressAsync("umum");

        var reply = await kiosk.CommandRawAsync(1, payload);

        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Contains(expected, reply.GetProperty("message").GetString(), StringComparison.Ordinal);
        var next = await kiosk.CommandAsync(1, new { commandId = "after-bad", type = "call-next" });
        Assert.True(next.GetProperty("ok").GetBoolean(), next.ToString());
    }

    [Fact]
    public async Task The_same_command_id_twice_changes_state_once_and_answers_the_same()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await kiosk.PressAsync("umum");
        await kiosk.PressAsync("umum");

        var first = await kiosk.CommandAsync(1, new { commandId = "dup-1", type = "call-next" });
        var second = await kiosk.CommandAsync(1, new { commandId = "dup-1", type = "call-next" });

        Assert.Equal("A-001", first.GetProperty("ticket").GetProperty("number").GetString());
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Single(kiosk.Session.Engine.TodayTickets(), t => t.State == Kiosk.Contract.TicketState.Called);
    }

    [Fact]
    public async Task A_command_id_that_already_ran_gets_its_stored_reply_however_old_its_sent_at()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await kiosk.PressAsync("umum");
        // The press is reported when the ticket is issued; it becomes callable only once it is marked printed.
        await Eventually.TrueAsync(() => kiosk.Session.Engine.TodayTickets().Single().PrintState == Kiosk.Contract.PrintState.Printed, "the ticket is marked printed");
        var first = await kiosk.CommandAsync(1, new { commandId = "old-1", type = "call-next", sentAt = DateTimeOffset.UtcNow });

        // The loket repeats it much later (its reply was lost): the same answer, not a refusal, and nothing runs twice.
        var again = await kiosk.CommandAsync(1, new { commandId = "old-1", type = "call-next", sentAt = DateTimeOffset.UtcNow.AddHours(-3) });

        Assert.True(first.GetProperty("ok").GetBoolean(), first.ToString());
        Assert.Equal(first.ToString(), again.ToString());
        Assert.Single(kiosk.Session.Engine.TodayTickets(), t => t.State == Kiosk.Contract.TicketState.Called);
    }

    [Fact]
    public async Task A_transfer_gives_the_patient_a_poli_number_linked_to_the_registration_ticket()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await kiosk.PressAsync("umum");
        await Eventually.TrueAsync(() => kiosk.Session.Engine.TodayTickets().Single().PrintState == Kiosk.Contract.PrintState.Printed, "the ticket is marked printed");
        await kiosk.CommandAsync(1, new { commandId = "t-call", type = "call-next" });

        var transfer = await kiosk.CommandAsync(1, new { commandId = "t-move", type = "transfer", poli = "P-GIGI" });

        Assert.True(transfer.GetProperty("ok").GetBoolean(), transfer.ToString());
        Assert.Equal("G-001", transfer.GetProperty("newTicket").GetProperty("number").GetString());
        Assert.Equal(transfer.GetProperty("ticket").GetProperty("ticketId").GetString(), transfer.GetProperty("newTicket").GetProperty("transferredFrom").GetString());
    }
}
