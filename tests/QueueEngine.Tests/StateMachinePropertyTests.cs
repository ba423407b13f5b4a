using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;
using Kiosk.Queue.Snapshot;

namespace Kiosk.Queue.Tests;

public enum OpKind
{
    Issue,
    Print,
    PrintFail,
    Void,
    CallNext,
    CallSpecific,
    Recall,
    Skip,
    NoShow,
    Return,
    Serve,
    Transfer,
    Cancel,
    Emergency,
    Pause,
    Resume,
    Advance,
    ClockBack,
    CloseDay,
    RepeatLastCommand,
    Reopen,
}

public sealed record Op(OpKind Kind, int A, int B)
{
    public override string ToString() => $"{Kind}({A},{B})";
}

/// <summary>
/// Random operation sequences against a real engine on a real file: whatever the loket, the kiosk and the clock do,
/// numbers stay unique per service and day, each ticket has one state, the sequence is gap-free and strictly increasing,
/// the snapshot equals a replay of the events, and a reopen changes nothing.
/// </summary>
public class StateMachinePropertyTests
{
    private static readonly string[] Counters = ["L1", "L2", "L3", "P1"];
    private static readonly string[] Polis = ["UMUM", "GIGI", "KIA"];

    private static Gen<Op> OpGen =>
        from kind in Gen.Frequency(
            (6, Gen.Constant(OpKind.Issue)), (5, Gen.Constant(OpKind.Print)), (1, Gen.Constant(OpKind.PrintFail)), (1, Gen.Constant(OpKind.Void)),
            (5, Gen.Constant(OpKind.CallNext)), (1, Gen.Constant(OpKind.CallSpecific)), (2, Gen.Constant(OpKind.Recall)),
            (1, Gen.Constant(OpKind.Skip)), (1, Gen.Constant(OpKind.NoShow)), (1, Gen.Constant(OpKind.Return)), (3, Gen.Constant(OpKind.Serve)),
            (2, Gen.Constant(OpKind.Transfer)), (1, Gen.Constant(OpKind.Cancel)), (1, Gen.Constant(OpKind.Emergency)),
            (1, Gen.Constant(OpKind.Pause)), (1, Gen.Constant(OpKind.Resume)), (2, Gen.Constant(OpKind.Advance)),
            (1, Gen.Constant(OpKind.ClockBack)), (1, Gen.Constant(OpKind.CloseDay)), (2, Gen.Constant(OpKind.RepeatLastCommand)),
            (1, Gen.Constant(OpKind.Reopen)))
        from a in Gen.Choose(0, 11)
        from b in Gen.Choose(0, 11)
        select new Op(kind, a, b);

    [Fact]
    public void Any_sequence_of_operations_keeps_the_invariants()
    {
        var ops = Gen.ListOf(OpGen).Select(l => l.ToArray());
        Prop.ForAll(Arb.From(ops), (Op[] sequence) => Run(sequence))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60).WithEndSize(60));
    }

    private static bool Run(Op[] ops)
    {
        using var h = new EngineHarness(start: new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.FromHours(7)));
        CounterCommand? last = null;
        string? lastAnswer = null;
        var commandNo = 0;
        var lastSequence = h.Engine.GetSnapshot().Sequence;
        foreach (var op in ops)
        {
            var tickets = h.Engine.TodayTickets();
            Ticket? Pick() => tickets.Count == 0 ? null : tickets[op.B % tickets.Count];
            CommandResult? Command(CommandType kind, Func<CounterCommand, CounterCommand>? with = null)
            {
                var command = new CounterCommand($"p-{++commandNo}", Counters[op.A % Counters.Length], kind);
                command = with is null ? command : with(command);
                var result = h.Engine.Execute(command);
                last = command;
                lastAnswer = JsonSerializer.Serialize(result, QueueJson.Options);
                return result;
            }

            switch (op.Kind)
            {
                case OpKind.Issue:
                    var priority = op.B < 4 ? (PriorityKind)(op.B + 1) : PriorityKind.None;
                    var issued = h.Engine.IssueTicket(TestSite.Request(op.A % 2 == 0 ? "A" : "B", priority));
                    Assert.True(issued.Succeeded || issued.Error.Code == ErrorCode.DayClosed, issued.Error?.ToString());
                    break;
                case OpKind.Print when Pick() is { } t:
                    h.Engine.MarkPrinted(t.Id);
                    break;
                case OpKind.PrintFail when Pick() is { } t:
                    h.Engine.MarkPrintFailed(t.Id);
                    break;
                case OpKind.Void when Pick() is { } t:
                    h.Engine.VoidUnprinted(t.Id, "uji");
                    break;
                case OpKind.CallNext:
                    Command(CommandType.CallNext);
                    break;
                case OpKind.CallSpecific when Pick() is { } t:
                    Command(CommandType.Call, c => c with { TicketNumber = t.Number });
                    break;
                case OpKind.Recall:
                    Command(CommandType.Recall);
                    break;
                case OpKind.Skip:
                    Command(CommandType.Skip);
                    break;
                case OpKind.NoShow:
                    Command(CommandType.NoShow);
                    break;
                case OpKind.Return when Pick() is { } t:
                    Command(CommandType.Return, c => c with { TicketNumber = t.Number });
                    break;
                case OpKind.Serve:
                    Command(CommandType.Serve);
                    break;
                case OpKind.Transfer:
                    Command(CommandType.Transfer, c => c with { PoliCode = Polis[op.B % Polis.Length] });
                    break;
                case OpKind.Cancel when Pick() is { } t:
                    Command(CommandType.Cancel, c => c with { TicketNumber = t.Number });
                    break;
                case OpKind.Emergency:
                    Command(CommandType.Emergency, c => c with { ServiceCode = op.B % 2 == 0 ? "A" : "UMUM" });
                    break;
                case OpKind.Pause:
                    Command(CommandType.Pause);
                    break;
                case OpKind.Resume:
                    Command(CommandType.Resume);
                    break;
                case OpKind.Advance:
                    h.Time.Advance(TimeSpan.FromMinutes((op.A + 1) * (op.B + 1) * 5));
                    break;
                case OpKind.ClockBack:
                    h.Time.AdjustTime(h.Time.GetUtcNow().AddMinutes(-(op.A + 1) * 20));
                    break;
                case OpKind.CloseDay:
                    Assert.True(h.Engine.CloseDay(h.Engine.BusinessDay).Succeeded);
                    break;
                case OpKind.RepeatLastCommand when last is not null:
                    var before = h.Engine.GetSnapshot().Sequence;
                    Assert.Equal(lastAnswer, JsonSerializer.Serialize(h.Engine.Execute(last), QueueJson.Options));
                    Assert.Equal(before, h.Engine.GetSnapshot().Sequence);
                    break;
                case OpKind.Reopen:
                    var snapshot = Json(h.Engine.GetSnapshot());
                    h.Reopen();
                    // Reopening may only roll the day (if due); otherwise the view is exactly what was committed.
                    if (h.Engine.GetSnapshot().BusinessDay == ContractJson.Deserialize<StateSnapshot>(snapshot).BusinessDay)
                    {
                        Assert.Equal(snapshot, Json(h.Engine.GetSnapshot()));
                    }

                    break;
            }

            var sequence = h.Engine.GetSnapshot().Sequence;
            Assert.True(sequence >= lastSequence);
            lastSequence = sequence;
            AssertCountersConsistent(h);
        }

        AssertInvariants(h);
        return true;
    }

    private static void AssertCountersConsistent(EngineHarness h)
    {
        var snapshot = h.Engine.GetSnapshot();
        var tickets = h.Engine.TodayTickets();
        foreach (var counter in snapshot.Counters.Where(c => c.NowServing is not null))
        {
            var ticket = tickets.Single(t => t.Number == counter.NowServing!.Number);
            Assert.Equal(TicketState.Called, ticket.State);
            Assert.Equal(counter.CounterId, ticket.CalledBy);
        }

        Assert.All(tickets.Where(t => t.State == TicketState.Called),
            t => Assert.Contains(snapshot.Counters, c => c.NowServing?.Number == t.Number));
        Assert.All(tickets.Where(t => t.State is TicketState.Called or TicketState.Served or TicketState.Skipped or TicketState.NoShow
            or TicketState.Transferred && !t.IsEmergency && t.Source != TicketSource.Counter), t => Assert.True(t.PrintState.IsCallable()));
    }

    private static void AssertInvariants(EngineHarness h)
    {
        var events = h.Engine.ReadEvents(0, 100_000);

        // Sequence strictly increasing and gap-free; event ids unique UUIDv7.
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e => Assert.Equal(7, e.EventId.Version));

        // Snapshot equals a replay of the events.
        var projection = new SnapshotProjection(h.Options);
        foreach (var e in events)
        {
            Assert.True(projection.Apply(e));
        }

        Assert.False(projection.Apply(events[^1]), "a duplicate delivery is ignored");
        Assert.Equal(Json(h.Engine.GetSnapshot()), Json(projection.Build()));

        // Numbers unique per service and business day; each ticket in exactly the state its last event says.
        using var writer = new StringWriter();
        h.Engine.ExportTickets(DateOnly.MinValue, DateOnly.MaxValue, writer);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Count, rows.Select(r => (r[1], r[3], r[2])).Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct().Count());
        var lastState = events.Where(e => e.Type.StartsWith("ticket.", StringComparison.Ordinal))
            .Select(e => ContractJson.Deserialize<TicketData>(e.Payload))
            .GroupBy(p => p.TicketId).ToDictionary(g => g.Key.ToString(), g => g.Last().State.ToString());
        Assert.Equal(rows.Count, lastState.Count);
        Assert.All(rows, r => Assert.Equal(lastState[r[0]], r[7]));
        Assert.Equal(["ok"], h.Engine.IntegrityCheck());
    }

    private static string Json(StateSnapshot snapshot) => ContractJson.Serialize(snapshot);
}
