using System.Text;
using System.Text.Json;
using Kiosk.Device.Messaging;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;

namespace Kiosk.Device.Tests.Units;

public sealed class MessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_counter_id_comes_from_the_topic_not_from_the_payload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"commandId\":\"c-9\",\"type\":\"transfer\",\"counterId\":\"3\",\"poli\":\"P-GIGI\",\"payer\":\"bpjs\"}");

        Assert.True(CounterCommandMessage.TryParse(payload, "1", out var command, out var id, out _, out var error), error);

        Assert.Equal("c-9", id);
        Assert.Equal("1", command!.CounterId);
        Assert.Equal(CounterCommandKind.Transfer, command.Kind);
        Assert.Equal("P-GIGI", command.PoliCode);
        Assert.Equal(Kiosk.Queue.Model.Payer.Bpjs, command.Payer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"commandId\":12}")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("{\"commandId\":\"x\",\"type\":\"call-next\",\"familySize\":0}")]
    public void Malformed_commands_are_refused_with_a_message_not_an_exception(string json)
    {
        var ok = CounterCommandMessage.TryParse(Encoding.UTF8.GetBytes(json), "1", out var command, out _, out _, out var error);

        Assert.False(ok);
        Assert.Null(command);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData(-7, "selisih 7 menit lebih lambat")]
    [InlineData(12, "selisih 12 menit lebih cepat")]
    public void A_new_command_far_from_the_kiosk_clock_is_refused_saying_by_how_much(int minutes, string expected)
    {
        var refusal = Kiosk.Device.Commands.CommandClock.Refusal(Now.AddMinutes(minutes), Now);

        Assert.NotNull(refusal);
        Assert.Contains("jam PC loket " + expected, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-119)]
    [InlineData(119)]
    public void A_command_within_two_minutes_of_the_kiosk_clock_runs(int seconds)
    {
        Assert.Null(Kiosk.Device.Commands.CommandClock.Refusal(Now.AddSeconds(seconds), Now));
        Assert.Null(Kiosk.Device.Commands.CommandClock.Refusal(null, Now));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            _ = CounterCommandMessage.TryParse(bytes, "1", out _, out _, out _, out _);
        }
    }

    [Theory]
    [InlineData("queue/pkm-a/counter/3/command", true, 3)]
    [InlineData("queue/pkm-a/counter/0/command", false, 0)]
    [InlineData("queue/pkm-a/counter/x/command", false, 0)]
    [InlineData("queue/pkm-a/counter/3/reply", false, 0)]
    [InlineData("queue/other/counter/3/command", false, 0)]
    public void Command_topics_are_recognised_strictly(string topic, bool expected, int counter)
    {
        var topics = new KioskTopics("pkm-a", "kiosk-1");

        Assert.Equal(expected, topics.TryParseCommandTopic(topic, out var parsed));
        Assert.Equal(counter, parsed);
    }

    [Fact]
    public void An_event_travels_with_its_id_sequence_and_data()
    {
        var id = Guid.CreateVersion7();
        var bytes = EventEnvelope.Encode(new OutboxEvent(id, 42, "ticket.called", Now, "{\"number\":\"A-001\"}"), "pkm-a");

        var e = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(id, e.GetProperty("eventId").GetGuid());
        Assert.Equal(42, e.GetProperty("sequence").GetInt64());
        Assert.Equal("A-001", e.GetProperty("data").GetProperty("number").GetString());
        Assert.Equal("pkm-a", e.GetProperty("site").GetString());
    }

    [Fact]
    public void A_damaged_event_row_still_goes_out_in_order_marked_invalid()
    {
        var bytes = EventEnvelope.Encode(new OutboxEvent(Guid.CreateVersion7(), 7, "ticket.issued", Now, "{\"number\":"), "pkm-a");

        var e = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(7, e.GetProperty("sequence").GetInt64());
        Assert.True(e.GetProperty("dataInvalid").GetBoolean());
    }
}
