using System.Text.Json;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Results;

namespace Kiosk.Queue.Tests;

public class IdempotencyTests
{
    [Theory]
    [InlineData(CommandType.CallNext)]
    [InlineData(CommandType.Recall)]
    [InlineData(CommandType.Serve)]
    [InlineData(CommandType.Transfer)]
    [InlineData(CommandType.Pause)]
    [InlineData(CommandType.Emergency)]
    public void Same_command_id_changes_state_once_and_answers_the_same(CommandType kind)
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();
        if (kind is CommandType.Recall or CommandType.Serve or CommandType.Transfer)
        {
            h.Ok("L1", CommandType.CallNext);
        }

        var command = new CounterCommand("dup-1", kind == CommandType.Emergency ? "L2" : "L1", kind) { PoliCode = "GIGI", ServiceCode = "A" };
        var first = h.Engine.Execute(command);
        var sequence = h.Engine.GetSnapshot().Sequence;
        var tickets = h.Engine.TodayTickets();

        var second = h.Engine.Execute(command);
        h.Reopen();
        var third = h.Engine.Execute(command);

        Assert.True(first.Succeeded, first.Error?.ToString());
        Assert.Equal(Json(first), Json(second));
        Assert.Equal(Json(first), Json(third));
        Assert.Equal(sequence, h.Engine.GetSnapshot().Sequence);
        Assert.Equal(tickets, h.Engine.TodayTickets());
    }

    [Fact]
    public void A_refused_command_answers_the_same_refusal_again()
    {
        using var h = new EngineHarness();
        var command = new CounterCommand("dup-2", "L1", CommandType.CallNext);

        var first = h.Engine.Execute(command);
        h.Issue();
        var second = h.Engine.Execute(command);

        Assert.Equal(ErrorCode.NothingToCall, first.Error!.Code);
        Assert.Equal(Json(first), Json(second));
        Assert.True(h.Engine.Execute(command with { CommandId = "dup-3" }).Succeeded, "a new id runs");
    }

    [Fact]
    public void A_command_id_reused_by_another_counter_gets_neither_the_answer_nor_a_change()
    {
        using var h = new EngineHarness();
        h.Issue(card: new Model.CardData(Kiosk.Contract.CardKind.Nik, "3171234567890001"));
        var first = h.Engine.Execute(new CounterCommand("shared-id", "L1", CommandType.CallNext));
        h.Issue();
        var sequence = h.Engine.GetSnapshot().Sequence;

        var stolen = h.Engine.Execute(new CounterCommand("shared-id", "L2", CommandType.CallNext));

        Assert.NotNull(first.Ticket!.CardData);
        Assert.Equal(ErrorCode.InvalidRequest, stolen.Error!.Code);
        Assert.Null(stolen.Ticket);
        Assert.Equal(sequence, h.Engine.GetSnapshot().Sequence);
        Assert.Equal(Json(first), Json(h.Engine.Execute(new CounterCommand("shared-id", "L1", CommandType.CallNext))));
    }

    private static string Json(CommandResult result) => JsonSerializer.Serialize(result, QueueJson.Options);
}
