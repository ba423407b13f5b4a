using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

public class CounterOperationTests
{
    [Fact]
    public void Call_next_takes_the_oldest_across_the_counters_services()
    {
        using var h = new EngineHarness();
        h.Issue("B");
        h.Issue("A");
        h.Issue("B");

        var order = Enumerable.Range(0, 3).Select(_ =>
        {
            var called = h.Ok("L1", CommandType.CallNext).Ticket!;
            h.Ok("L1", CommandType.Serve);
            return called.Number;
        }).ToList();

        Assert.Equal(["B-001", "A-001", "B-002"], order);
    }

    [Fact]
    public void A_counter_only_calls_its_own_services()
    {
        using var h = new EngineHarness();
        h.Issue("A");

        Assert.Equal(ErrorCode.NothingToCall, h.Run("L3", CommandType.CallNext).Error!.Code);
        Assert.Equal(ErrorCode.ServiceNotAtCounter, h.Run("L3", CommandType.Call, c => c with { TicketNumber = "A-001" }).Error!.Code);
    }

    [Theory]
    [InlineData(2, "PPNPNNNN")]
    [InlineData(1, "PNPNPNNN")]
    [InlineData(0, "NNNNNPPP")]
    [InlineData(10, "PPPNNNNN")]
    public void Priority_tickets_interleave_with_the_normal_queue_by_ratio(int ratio, string expected)
    {
        using var h = new EngineHarness(tweak: o => o.PriorityCallsPerNormalCall = ratio);
        // Five normal tickets arrive first, then three priority ones (lansia, ibu hamil, balita).
        for (var i = 0; i < 5; i++)
        {
            h.Issue("A");
        }

        h.Issue("A", PriorityKind.Lansia);
        h.Issue("A", PriorityKind.IbuHamil);
        h.Issue("A", PriorityKind.Balita);

        var pattern = string.Concat(Enumerable.Range(0, 8).Select(_ =>
        {
            var called = h.Ok("L1", CommandType.CallNext).Ticket!;
            h.Ok("L1", CommandType.Serve);
            return called.IsPriority ? 'P' : 'N';
        }));

        Assert.Equal(expected, pattern);
    }

    [Fact]
    public void Unprinted_tickets_are_never_called()
    {
        using var h = new EngineHarness();
        var pending = h.Engine.IssueTicket(TestSite.Request()).Ticket!;

        Assert.Equal(ErrorCode.NothingToCall, h.Run("L1", CommandType.CallNext).Error!.Code);
        Assert.Equal(ErrorCode.NotPrinted, h.Run("L1", CommandType.Call, c => c with { TicketNumber = pending.Number }).Error!.Code);
        Assert.Equal(0, h.Engine.GetSnapshot().Services.Single(s => s.ServiceCode == "A").WaitingCount);

        h.Engine.MarkPrinted(pending.Id);

        Assert.Equal(pending.Id, h.Ok("L1", CommandType.CallNext).Ticket!.Id);
    }

    [Fact]
    public void Call_specific_calls_out_of_order()
    {
        using var h = new EngineHarness();
        h.Issue();
        var third = new[] { h.Issue(), h.Issue() }[1];

        var called = h.Ok("L2", CommandType.Call, c => c with { TicketNumber = "a-003" }).Ticket!;

        Assert.Equal(third.Id, called.Id);
        Assert.Equal("L2", called.CalledBy);
        Assert.Equal("A-001", h.Ok("L1", CommandType.CallNext).Ticket!.Number);
    }

    [Fact]
    public void Recall_counts_calls_and_turns_no_show_after_the_limit()
    {
        using var h = new EngineHarness(tweak: o => o.MaxCallsBeforeNoShow = 3);
        h.Issue();
        h.Ok("L1", CommandType.CallNext);

        Assert.Equal(2, h.Ok("L1", CommandType.Recall).Ticket!.CallCount);
        Assert.Equal(3, h.Ok("L1", CommandType.Recall).Ticket!.CallCount);
        var last = h.Ok("L1", CommandType.Recall);

        Assert.Equal(TicketState.NoShow, last.Ticket!.State);
        Assert.Contains("tidak hadir", last.Message, StringComparison.Ordinal);
        Assert.Null(h.Engine.GetSnapshot().Counters.Single(c => c.CounterId == "L1").NowServing);
    }

    [Theory]
    [InlineData(ReturnPlacement.End, 0, "A-002,A-003,A-004,A-001")]
    [InlineData(ReturnPlacement.Front, 0, "A-001,A-002,A-003,A-004")]
    [InlineData(ReturnPlacement.AfterWaiting, 2, "A-002,A-003,A-001,A-004")]
    [InlineData(ReturnPlacement.AfterWaiting, 0, "A-001,A-002,A-003,A-004")]
    [InlineData(ReturnPlacement.AfterWaiting, 5, "A-002,A-003,A-004,A-001")]
    public void Returned_skipped_ticket_is_placed_by_the_configured_rule(ReturnPlacement placement, int after, string expected)
    {
        using var h = new EngineHarness(tweak: o =>
        {
            o.ReturnPlacement = placement;
            o.ReturnAfterWaiting = after;
        });
        for (var i = 0; i < 4; i++)
        {
            h.Issue();
        }

        h.Ok("L1", CommandType.CallNext);
        Assert.Equal(TicketState.Skipped, h.Ok("L1", CommandType.Skip).Ticket!.State);
        var back = h.Ok("L2", CommandType.Return, c => c with { TicketNumber = "A-001" }).Ticket!;
        Assert.Equal(TicketState.Waiting, back.State);

        var order = Enumerable.Range(0, 4).Select(_ =>
        {
            var number = h.Ok("L1", CommandType.CallNext).Ticket!.Number;
            h.Ok("L1", CommandType.Serve);
            return number;
        });

        Assert.Equal(expected, string.Join(",", order));
    }

    [Fact]
    public void Serve_done_records_wait_and_service_time()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Time.Advance(TimeSpan.FromMinutes(7));
        h.Ok("L1", CommandType.CallNext);
        h.Time.Advance(TimeSpan.FromMinutes(3));

        var served = h.Ok("L1", CommandType.Serve).Ticket!;

        Assert.Equal(TicketState.Served, served.State);
        Assert.Equal(TimeSpan.FromMinutes(7), served.WaitTime);
        Assert.Equal(TimeSpan.FromMinutes(3), served.ServiceTime);
    }

    [Fact]
    public void Transfer_gives_a_new_number_in_the_poli_queue_and_keeps_the_link()
    {
        using var h = new EngineHarness();
        var card = new CardData(CardKind.Bpjs, "0001234567890");
        h.Issue("A", PriorityKind.Lansia, card);
        h.Ok("L1", CommandType.CallNext);

        var result = h.Ok("L1", CommandType.Transfer, c => c with { PoliCode = "UMUM" });

        Assert.Equal(TicketState.Transferred, result.Ticket!.State);
        var poli = result.NewTicket!;
        Assert.Equal("P-001", poli.Number);
        Assert.Equal(result.Ticket.Id, poli.TransferredFrom);
        Assert.Equal(poli.Id, result.Ticket.TransferredTo);
        Assert.Equal(PriorityKind.Lansia, poli.Priority);
        Assert.Equal(card, poli.CardData);
        Assert.Contains("P-001", result.Message, StringComparison.Ordinal);
        Assert.Equal(poli.Id, h.Ok("P1", CommandType.CallNext).Ticket!.Id);
    }

    [Fact]
    public void Emergency_ticket_is_called_at_the_issuing_counter_and_flagged()
    {
        using var h = new EngineHarness();
        h.Issue();

        var result = h.Ok("L2", CommandType.Emergency, c => c with { ServiceCode = "A", Reason = "UGD, keluarga mendaftarkan" });

        Assert.Equal(TicketState.Called, result.Ticket!.State);
        Assert.True(result.Ticket.IsEmergency);
        Assert.Equal(TicketSource.Counter, result.Ticket.Source);
        Assert.Equal("L2", result.Ticket.CalledBy);
        h.Ok("L2", CommandType.Serve);
        Assert.Equal(1, h.Engine.GetDailyRecap(h.Engine.BusinessDay).Emergency);
    }

    [Fact]
    public void A_manual_number_from_a_loket_is_numbered_like_a_kiosk_ticket_waits_in_the_queue_and_is_called_in_turn()
    {
        using var h = new EngineHarness();
        var first = h.Issue("A");

        var manual = h.Ok("L2", CommandType.Issue, c => c with { ServiceCode = "A", Reason = "Kertas printer kiosk habis" }).Ticket!;
        var after = h.Issue("A");

        // Never a duplicate: the kiosk's own numbering goes on around it.
        Assert.Equal(["A-001", "A-002", "A-003"], [first.Number, manual.Number, after.Number]);
        Assert.Equal(TicketState.Waiting, manual.State);
        Assert.Equal(PrintState.NotRequired, manual.PrintState);
        Assert.Equal(TicketSource.Counter, manual.Source);
        Assert.False(manual.IsEmergency);
        Assert.Null(manual.CalledBy);
        Assert.Contains("Loket", h.Engine.TodayTickets().Single(t => t.Id == manual.Id).Note, StringComparison.Ordinal);

        // Same queue, same order: the counter calls it after the ticket printed before it.
        Assert.Equal("A-001", h.Ok("L1", CommandType.CallNext).Ticket!.Number);
        h.Ok("L1", CommandType.Serve);
        Assert.Equal("A-002", h.Ok("L1", CommandType.CallNext).Ticket!.Number);
    }

    [Fact]
    public void Serving_answers_with_the_current_patient_and_changes_nothing()
    {
        using var h = new EngineHarness();
        h.Issue("A", card: new CardData(CardKind.Bpjs, "0001234567890"));
        Assert.Null(h.Ok("L1", CommandType.Serving).Ticket);

        h.Ok("L1", CommandType.CallNext);
        var sequence = h.Engine.GetSnapshot().Sequence;
        var serving = h.Ok("L1", CommandType.Serving);

        Assert.Equal("A-001", serving.Ticket!.Number);
        Assert.Equal("0001234567890", serving.Ticket.CardData!.Number);
        Assert.Equal(sequence, h.Engine.GetSnapshot().Sequence);
    }

    [Fact]
    public void The_state_tells_each_counter_its_calls_today_and_the_served_patients_tags()
    {
        using var h = new EngineHarness();
        h.Issue("A");
        h.Issue("A");
        h.Ok("L1", CommandType.CallNext);
        h.Ok("L1", CommandType.Serve);
        h.Ok("L1", CommandType.CallNext);

        var l1 = h.Engine.GetSnapshot().Counters.Single(c => c.CounterId == "L1");
        Assert.Equal(2, l1.CalledToday);
        Assert.Equal(0, h.Engine.GetSnapshot().Counters.Single(c => c.CounterId == "L2").CalledToday);
        Assert.NotNull(l1.NowServing!.Payer);
        Assert.NotNull(l1.NowServing.Category);
        Assert.Equal(1, l1.NowServing.FamilySize);
    }

    [Fact]
    public void Paused_counter_calls_nothing_until_resumed()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Ok("L1", CommandType.Pause);

        Assert.Equal(ErrorCode.CounterPaused, h.Run("L1", CommandType.CallNext).Error!.Code);
        Assert.True(h.Engine.GetSnapshot().Counters.Single(c => c.CounterId == "L1").Paused);

        h.Ok("L1", CommandType.Resume);
        Assert.True(h.Run("L1", CommandType.CallNext).Succeeded);
    }

    [Fact]
    public void Cancel_removes_a_waiting_ticket_from_the_queue()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();

        Assert.Equal(TicketState.Cancelled, h.Ok("L1", CommandType.Cancel, c => c with { TicketNumber = "A-001" }).Ticket!.State);
        Assert.Equal("A-002", h.Ok("L1", CommandType.CallNext).Ticket!.Number);
    }

    public sealed record BadCommand(string Scenario, Action<EngineHarness> Setup, CounterCommand Command, ErrorCode Expected)
    {
        public override string ToString() => Scenario;
    }

    private static CounterCommand Cmd(string counter, CommandType kind, string? number = null) =>
        new($"bad-{Guid.NewGuid()}", counter, kind) { TicketNumber = number };

    private static void None(EngineHarness h)
    {
    }

    private static void OneWaiting(EngineHarness h) => h.Issue();

    private static void OneCalledAtL1(EngineHarness h)
    {
        h.Issue();
        h.Ok("L1", CommandType.CallNext);
    }

    public static TheoryData<BadCommand> InvalidCommands => new(
        new BadCommand("call next while serving", h => { OneCalledAtL1(h); h.Issue(); }, Cmd("L1", CommandType.CallNext), ErrorCode.CounterBusy),
        new BadCommand("recall with nothing called", None, Cmd("L1", CommandType.Recall), ErrorCode.NoTicketAtCounter),
        new BadCommand("serve a waiting ticket", OneWaiting, Cmd("L1", CommandType.Serve, "A-001"), ErrorCode.InvalidTransition),
        new BadCommand("serve another counter's ticket", OneCalledAtL1, Cmd("L2", CommandType.Serve, "A-001"), ErrorCode.InvalidTransition),
        new BadCommand("recall another counter's ticket", OneCalledAtL1, Cmd("L2", CommandType.Recall, "A-001"), ErrorCode.InvalidTransition),
        new BadCommand("skip a served ticket", h => { OneCalledAtL1(h); h.Ok("L1", CommandType.Serve); }, Cmd("L1", CommandType.Skip, "A-001"), ErrorCode.InvalidTransition),
        new BadCommand("return a waiting ticket", OneWaiting, Cmd("L1", CommandType.Return, "A-001"), ErrorCode.InvalidTransition),
        new BadCommand("return without a number", None, Cmd("L1", CommandType.Return), ErrorCode.InvalidRequest),
        new BadCommand("call an unknown number", None, Cmd("L1", CommandType.Call, "A-999"), ErrorCode.UnknownTicket),
        new BadCommand("transfer to an unknown poli", OneCalledAtL1, Cmd("L1", CommandType.Transfer) with { PoliCode = "RONTGEN" }, ErrorCode.UnknownPoli),
        new BadCommand("transfer to a registration service", OneCalledAtL1, Cmd("L1", CommandType.Transfer) with { PoliCode = "B" }, ErrorCode.UnknownPoli),
        new BadCommand("unknown counter", OneWaiting, Cmd("L9", CommandType.CallNext), ErrorCode.UnknownCounter),
        new BadCommand("undefined command kind", OneWaiting, Cmd("L1", (CommandType)77), ErrorCode.InvalidRequest),
        new BadCommand("empty command id", OneWaiting, new CounterCommand("", "L1", CommandType.CallNext), ErrorCode.InvalidRequest),
        new BadCommand("emergency without service", None, Cmd("L1", CommandType.Emergency), ErrorCode.InvalidRequest),
        new BadCommand("emergency in unknown service", None, Cmd("L1", CommandType.Emergency) with { ServiceCode = "X" }, ErrorCode.UnknownService),
        new BadCommand("manual number without service", None, Cmd("L1", CommandType.Issue), ErrorCode.InvalidRequest),
        new BadCommand("manual number in unknown service", None, Cmd("L1", CommandType.Issue) with { ServiceCode = "X" }, ErrorCode.UnknownService),
        new BadCommand("emergency while serving", OneCalledAtL1, Cmd("L1", CommandType.Emergency) with { ServiceCode = "A" }, ErrorCode.CounterBusy),
        new BadCommand("cancel a cancelled ticket", h => { h.Issue(); h.Ok("L1", CommandType.Cancel, c => c with { TicketNumber = "A-001" }); }, Cmd("L1", CommandType.Cancel, "A-001"), ErrorCode.InvalidTransition));

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void Invalid_commands_get_a_typed_error_in_bahasa_and_change_nothing(BadCommand bad)
    {
        using var h = new EngineHarness();
        bad.Setup(h);
        var before = h.Engine.GetSnapshot();
        var ticketsBefore = h.Engine.TodayTickets();

        var result = h.Engine.Execute(bad.Command);

        Assert.False(result.Succeeded, bad.Scenario);
        Assert.Equal(bad.Expected, result.Error.Code);
        Assert.Equal(result.Error.Message, result.Message);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(before.Sequence, h.Engine.GetSnapshot().Sequence);
        Assert.Equal(ticketsBefore, h.Engine.TodayTickets());
    }
}
