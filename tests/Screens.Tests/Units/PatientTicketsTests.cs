using System.Text;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Screens.Patients;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Screens.Tests.Units;

/// <summary>The patient pages' index, fed the same payloads the display reads, on a fake clock.</summary>
public sealed class PatientTicketsTests
{
    private static readonly DateOnly Day = new(2026, 12, 7);
    private static readonly DateTimeOffset Morning = new(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly FakeTimeProvider clock = new(Morning);
    private readonly PatientTickets index;
    private long sequence;

    public PatientTicketsTests() => index = new PatientTickets(_ => 6, clock);

    [Fact]
    public void Ahead_goes_down_as_others_are_called_and_a_call_names_the_loket()
    {
        State(counters: [Counter("1", "Loket 1"), Counter("2", "Loket 2")]);
        var tickets = Enumerable.Range(1, 3).Select(i => Issue($"A-00{i}")).ToList();
        var mine = tickets[2];

        var view = index.Find(mine.PatientToken)!;
        Assert.Equal(("A-003", "Pendaftaran Umum", "menunggu", 2), (view.Number, view.Service, view.Status, view.Ahead));
        Assert.Equal("2 antrean di depan Anda", view.Headline);
        Assert.Equal("± 6 menit", view.Estimate); // SOP 6 min × 2 ahead / 2 open lokets
        Assert.Contains("standar", view.EstimateBasis, StringComparison.Ordinal);

        Event(EventTypes.TicketCalled, tickets[0] with { State = TicketState.Called, CounterId = "1", CallCount = 1, CalledAt = clock.GetUtcNow(), QueuePosition = null });
        Assert.Equal(1, index.Find(mine.PatientToken)!.Ahead);
        Event(EventTypes.TicketCalled, tickets[1] with { State = TicketState.Called, CounterId = "1", CallCount = 1, CalledAt = clock.GetUtcNow(), QueuePosition = null });
        Assert.Equal("Anda berikutnya", index.Find(mine.PatientToken)!.Headline);

        Event(EventTypes.TicketCalled, mine with { State = TicketState.Called, CounterId = "2", CallCount = 1, CalledAt = clock.GetUtcNow(), QueuePosition = null });
        view = index.Find(mine.PatientToken)!;
        Assert.Equal(("dipanggil", "Dipanggil ke Loket 2"), (view.Status, view.Headline));
        Assert.NotNull(view.CallId);

        Event(EventTypes.TicketRecalled, mine with { State = TicketState.Called, CounterId = "2", CallCount = 2, CalledAt = clock.GetUtcNow().AddSeconds(30), QueuePosition = null });
        Assert.NotEqual(view.CallId, index.Find(mine.PatientToken)!.CallId);
    }

    [Fact]
    public void With_three_recent_calls_the_estimate_follows_the_call_rate()
    {
        State(counters: [Counter("1", "Loket 1")]);
        var tickets = Enumerable.Range(1, 6).Select(i => Issue($"A-00{i}")).ToList();
        for (var i = 0; i < 3; i++)
        {
            Event(EventTypes.TicketCalled, tickets[i] with { State = TicketState.Called, CounterId = "1", CallCount = 1, QueuePosition = null });
            clock.Advance(TimeSpan.FromMinutes(2));
        }

        var view = index.Find(tickets[5].PatientToken)!;
        Assert.Equal(2, view.Ahead);
        Assert.Equal("± 4 menit", view.Estimate); // one call every 2 minutes
        Assert.Contains("kecepatan panggilan", view.EstimateBasis, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("standar", index.Find(tickets[5].PatientToken)!.EstimateBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void What_happened_after_is_said_for_each_end_and_a_transfer_follows_the_poli_number()
    {
        State(counters: [Counter("1", "Loket 1")]);
        var skipped = Issue("A-001");
        var noShow = Issue("A-002");
        var cancelled = Issue("A-003");
        var transferred = Issue("A-004");

        Event(EventTypes.TicketSkipped, skipped with { State = TicketState.Skipped, QueuePosition = null });
        Event(EventTypes.TicketNoShow, noShow with { State = TicketState.NoShow, QueuePosition = null });
        Event(EventTypes.TicketCancelled, cancelled with { State = TicketState.Cancelled, QueuePosition = null });
        Assert.Equal(("dilewati", "Nomor Anda dilewati"), Said(skipped));
        Assert.Contains("kembali ke loket", index.Find(skipped.PatientToken)!.Advice, StringComparison.Ordinal);
        Assert.Equal(("tidak-hadir", "Tidak hadir"), Said(noShow));
        Assert.Equal(("batal", "Tiket dibatalkan"), Said(cancelled));

        var poli = Guid.CreateVersion7();
        Event(EventTypes.TicketTransferred, transferred with { State = TicketState.Transferred, TransferredTo = poli, QueuePosition = null });
        Assert.Equal(("selesai", "Pendaftaran selesai, diteruskan ke poli"), Said(transferred));
        Event(EventTypes.TicketIssued, Ticket("P-001", "POLI-UMUM") with { TicketId = poli, TransferredFrom = transferred.TicketId, PrintState = PrintState.NotRequired, QueuePosition = 0 });
        var view = index.Find(transferred.PatientToken)!;
        Assert.Equal(("P-001", "A-004", "Anda berikutnya"), (view.Number, view.TransferredFrom, view.Headline));
        Assert.Contains("nomor baru P-001", view.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_business_day_forgets_every_token_and_a_duplicate_event_changes_nothing()
    {
        State(counters: [Counter("1", "Loket 1")]);
        var ticket = Issue("A-001");
        var issued = Encode(EventTypes.TicketCalled, ticket with { State = TicketState.Called, CounterId = "1", CallCount = 1, QueuePosition = null });
        Assert.True(index.ApplyEvent(issued));
        Event(EventTypes.TicketReturned, ticket with { QueuePosition = 0 });
        Assert.True(index.ApplyEvent(issued));
        Assert.Equal("menunggu", index.Find(ticket.PatientToken)!.Status);

        Assert.True(index.ApplyEvent(EventEnvelope.Encode(Guid.NewGuid(), ++sequence, EventTypes.DayOpened, Morning.AddDays(1), "pkm-kokop",
            ContractJson.Serialize(new DayData(Day.AddDays(1), 0)))));
        Assert.Null(index.Find(ticket.PatientToken));
        Assert.Equal(0, index.TokenCount);
    }

    [Fact]
    public void The_retained_state_alone_maps_a_waiting_ticket_after_a_restart()
    {
        var token = PatientToken.New();
        State(counters: [Counter("1", "Loket 1")], waiting: [Waiting("A-001", PatientToken.New()), Waiting("A-002", token)]);

        var view = index.Find(token)!;
        Assert.Equal(("A-002", 1), (view.Number, view.Ahead));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("../../../../etc/passwd")]
    public void A_token_that_is_malformed_or_unknown_finds_nothing(string? token)
    {
        State(counters: []);
        Issue("A-001");
        Assert.Null(index.Find(token));
    }

    [Fact]
    public void Bytes_that_are_not_the_contract_are_refused_without_throwing()
    {
        string[] bad =
        [
            "", "null", "[]", "{}", "bukan json", "{\"services\":null}",
            "{\"contractVersion\":\"1.0\",\"site\":\"x\",\"businessDay\":\"2026-12-07\",\"dayClosed\":false,\"sequence\":1,\"services\":[{\"serviceCode\":null,\"name\":null,\"isPoli\":false,\"waitingCount\":0,\"lastNumber\":null,\"waiting\":[]}],\"counters\":[],\"lastCalls\":[]}",
            "{\"contractVersion\":\"1.0\",\"site\":\"x\",\"businessDay\":\"2026-12-07\",\"dayClosed\":false,\"sequence\":1,\"services\":[],\"counters\":[{\"counterId\":null,\"name\":null,\"paused\":false,\"services\":null,\"nowServing\":null}],\"lastCalls\":[]}",
            "{\"contractVersion\":\"1.0\",\"eventId\":\"0193a1b2-0000-7000-8000-0000000000a1\",\"sequence\":5,\"type\":\"ticket.called\",\"occurredAt\":\"2026-12-07T08:00:00+07:00\",\"site\":\"x\",\"data\":{\"ticketId\":\"0193a1b2-0000-7000-8000-0000000000a1\",\"number\":null,\"serviceCode\":null}}",
            "{\"contractVersion\":\"1.0\",\"eventId\":\"0193a1b2-0000-7000-8000-0000000000a1\",\"sequence\":6,\"type\":\"counter.paused\",\"occurredAt\":\"2026-12-07T08:00:00+07:00\",\"site\":\"x\",\"data\":{\"counterId\":null,\"paused\":true,\"nowServing\":null}}",
        ];
        foreach (var text in bad)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.False(index.ApplyState(bytes), text);
            Assert.False(index.ApplyEvent(bytes), text);
        }

        var random = new Random(21);
        var valid = Encode(EventTypes.TicketIssued, Ticket("A-001", "A"));
        for (var i = 0; i < 2000; i++)
        {
            var mutated = valid.ToArray();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            index.ApplyEvent(mutated);
            index.ApplyState(mutated);
        }
    }

    private (string, string) Said(TicketData ticket) => index.Find(ticket.PatientToken) is { } view ? (view.Status, view.Headline) : ("?", "?");

    private TicketData Issue(string number)
    {
        var ticket = Ticket(number, "A");
        Event(EventTypes.TicketIssued, ticket);
        return ticket;
    }

    private void Event(string type, TicketData data) => Assert.True(index.ApplyEvent(Encode(type, data)));

    private byte[] Encode(string type, TicketData data) =>
        EventEnvelope.Encode(Guid.CreateVersion7(), ++sequence, type, clock.GetUtcNow(), "pkm-kokop", ContractJson.Serialize(data));

    private void State(IReadOnlyList<CounterState> counters, IReadOnlyList<WaitingTicket>? waiting = null) =>
        Assert.True(index.ApplyState(ContractJson.SerializeToUtf8Bytes(new StateSnapshot
        {
            Site = "pkm-kokop",
            BusinessDay = Day,
            DayClosed = false,
            Sequence = sequence,
            Services =
            [
                new ServiceState { ServiceCode = "A", Name = "Pendaftaran Umum", IsPoli = false, WaitingCount = waiting?.Count ?? 0, LastNumber = null, Waiting = waiting ?? [] },
                new ServiceState { ServiceCode = "POLI-UMUM", Name = "Poli Umum", IsPoli = true, WaitingCount = 0, LastNumber = null, Waiting = [] },
            ],
            Counters = counters,
            LastCalls = [],
        })));

    private static CounterState Counter(string id, string name) =>
        new() { CounterId = id, Name = name, Paused = false, Services = ["A", "POLI-UMUM"], NowServing = null };

    private WaitingTicket Waiting(string number, string token) => new()
    {
        TicketId = Guid.CreateVersion7(), Number = number, IssuedAt = clock.GetUtcNow(), PrintState = PrintState.Printed, Priority = PriorityKind.None,
        Category = PatientCategory.Lama, Payer = Payer.Umum, FamilySize = 1, TransferredFrom = null, TransferredFromNumber = null, PatientToken = token,
    };

    private TicketData Ticket(string number, string service) => new()
    {
        TicketId = Guid.CreateVersion7(), Number = number, ServiceCode = service, BusinessDay = Day, State = TicketState.Waiting,
        PrintState = PrintState.Printed, Category = PatientCategory.Lama, Payer = Payer.Umum, Priority = PriorityKind.None, IsEmergency = false,
        FamilySize = 1, CounterId = null, CallCount = 0, IssuedAt = clock.GetUtcNow(), CalledAt = null, FinishedAt = null, TransferredFrom = null,
        TransferredFromNumber = null, TransferredTo = null, HasCardData = false, QueuePosition = null, PatientToken = PatientToken.New(),
    };
}
