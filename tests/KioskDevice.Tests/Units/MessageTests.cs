using System.Text;
using System.Text.Json;
using Kiosk.Device.Messaging;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Queue.Results;

namespace Kiosk.Device.Tests.Units;

public sealed class MessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    [Fact]
    public void The_counter_id_comes_from_the_topic_not_from_the_payload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"commandId\":\"c-9\",\"type\":\"transfer\",\"counterId\":\"3\",\"poli\":\"P-GIGI\",\"payer\":\"bpjs\"}");

        Assert.True(CounterCommands.TryParse(payload, "1", out var command, out _, out var refusal), refusal?.Message);

        Assert.Equal("c-9", command.CommandId);
        Assert.Equal("1", command.CounterId);
        Assert.Equal(CommandType.Transfer, command.Kind);
        Assert.Equal("P-GIGI", command.PoliCode);
        Assert.Equal(Kiosk.Contract.Payer.Bpjs, command.Payer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"commandId\":12}")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("{\"commandId\":\"x\",\"type\":\"call-next\",\"familySize\":0}")]
    [InlineData("not json")]
    [InlineData("{\"commandId\":\"x\",\"type\":\"emergency\",\"familySize\":\"dua\"}")]
    [InlineData("{\"commandId\":\"x\",\"type\":\"Call-Next\"}")]
    public void Malformed_commands_are_refused_with_a_message_not_an_exception(string json)
    {
        var ok = CounterCommands.TryParse(Encoding.UTF8.GetBytes(json), "1", out var command, out _, out var refusal);

        Assert.False(ok);
        Assert.Null(command);
        Assert.False(string.IsNullOrWhiteSpace(refusal!.Message));
        Assert.Equal(ErrorCode.BadCommand, refusal.Code);
        Assert.DoesNotContain("JSON literal", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Path:", refusal.Message, StringComparison.Ordinal);
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
            _ = CounterCommands.TryParse(bytes, "1", out _, out _, out _);
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
        var bytes = EventEnvelope.Encode(id, 42, "ticket.called", Now, "pkm-a", "{\"number\":\"A-001\"}");

        var e = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(id, e.GetProperty("eventId").GetGuid());
        Assert.Equal(42, e.GetProperty("sequence").GetInt64());
        Assert.Equal("A-001", e.GetProperty("data").GetProperty("number").GetString());
        Assert.Equal("pkm-a", e.GetProperty("site").GetString());
    }

    [Fact]
    public void A_damaged_event_row_still_goes_out_in_order_with_null_data()
    {
        var bytes = EventEnvelope.Encode(Guid.CreateVersion7(), 7, "ticket.issued", Now, "pkm-a", "{\"number\":");

        var e = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(7, e.GetProperty("sequence").GetInt64());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("data").ValueKind);
    }
}

public sealed class CommandRefusalTests
{
    [Fact]
    public void A_refusal_echoes_the_command_id_and_type_it_could_read()
    {
        var ok = CounterCommands.TryParse("{\"commandId\":\"c-1\",\"type\":\"emergency\",\"familySize\":\"x\"}"u8, "2", out _, out _, out var refusal);

        Assert.False(ok);
        var reply = refusal!.ToReply("2");
        Assert.Equal("c-1", reply.CommandId);
        Assert.Equal(CommandType.Emergency, reply.Type);
        Assert.Equal(ErrorCode.BadCommand, reply.ErrorCode);
        Assert.Contains("familySize", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_major_contract_version_is_refused()
    {
        var ok = CounterCommands.TryParse("{\"contractVersion\":\"2.0\",\"commandId\":\"c-3\",\"type\":\"pause\"}"u8, "1", out _, out _, out var refusal);

        Assert.False(ok);
        Assert.Equal(ErrorCode.UnsupportedVersion, refusal!.Code);
        Assert.Equal("c-3", refusal.CommandId);
    }
}
