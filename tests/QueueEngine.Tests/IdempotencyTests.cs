using System.Text.Json;
using Kiosk.Queue.Results;

namespace Kiosk.Queue.Tests;

public class IdempotencyTests
{
    [Theory]
    [InlineData(CounterCommandKind.CallNext)]
    [InlineData(CounterCommandKind.Recall)]
    [InlineData(CounterCommandKind.ServeDone)]
    [InlineData(CounterCommandKind.Transfer)]
    [InlineData(CounterCommandKind.Pause)]
    [InlineData(CounterCommandKind.IssueEmergency)]
    public void Same_command_id_changes_state_once_and_answers_the_same(CounterCommandKind kind)
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();
        if (kind is CounterCommandKind.Recall or CounterCommandKind.ServeDone or CounterCommandKind.Transfer)
        {
            h.Ok("L1", CounterCommandKind.CallNext);
        }

        var command = new CounterCommand("dup-1", kind == CounterCommandKind.IssueEmergency ? "L2" : "L1", kind) { PoliCode = "GIGI", ServiceCode = "A" };
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
        var command = new CounterCommand("dup-2", "L1", CounterCommandKind.CallNext);

        var first = h.Engine.Execute(command);
        h.Issue();
        var second = h.Engine.Execute(command);

        Assert.Equal(QueueErrorCode.NothingToCall, first.Error!.Code);
        Assert.Equal(Json(first), Json(second));
        Assert.True(h.Engine.Execute(command with { CommandId = "dup-3" }).Succeeded, "a new id runs");
    }

    [Fact]
    public void A_command_id_reused_by_another_counter_gets_neither_the_answer_nor_a_change()
    {
        using var h = new EngineHarness();
        h.Issue(card: new Model.CardData(Model.CardKind.Nik, "3171234567890001"));
        var first = h.Engine.Execute(new CounterCommand("shared-id", "L1", CounterCommandKind.CallNext));
        h.Issue();
        var sequence = h.Engine.GetSnapshot().Sequence;

        var stolen = h.Engine.Execute(new CounterCommand("shared-id", "L2", CounterCommandKind.CallNext));

        Assert.NotNull(first.Ticket!.CardData);
        Assert.Equal(QueueErrorCode.InvalidRequest, stolen.Error!.Code);
        Assert.Null(stolen.Ticket);
        Assert.Equal(sequence, h.Engine.GetSnapshot().Sequence);
        Assert.Equal(Json(first), Json(h.Engine.Execute(new CounterCommand("shared-id", "L1", CounterCommandKind.CallNext))));
    }

    private static string Json(CommandResult result) => JsonSerializer.Serialize(result, QueueJson.Options);
}
