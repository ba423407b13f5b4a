using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Text;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>The bridge end to end on its own side: a real Mosquitto, the real host, a real SQLite outbox; BPJS recorded.</summary>
[Collection(BridgeCollectionDefinition.Name)]
public sealed class BridgeTests
{
    private static TicketData Printed(string number, string service = "P-UMUM", Payer payer = Payer.Bpjs) =>
        TicketScript.Ticket(number, service, payer, PrintState.Printed);

    private static JknCard CardNumbered(int n) => new($"000000000{n:0000}", $"320101010101{n:0000}", null);

    [Fact]
    public async Task A_morning_of_JKN_and_other_patients_gives_one_report_per_step_and_nothing_for_the_others()
    {
        await using var rig = await BridgeRig.StartAsync();
        var host = await rig.StartBridgeAsync();
        var served = Printed("B-001");
        var noShow = Printed("B-002");
        var cancelled = Printed("B-003");
        var umum = Printed("B-004", payer: Payer.Umum);
        var registration = Printed("A-001", service: "A");
        var poli = TicketScript.Ticket("G-001", "P-GIGI", Payer.Bpjs, PrintState.NotRequired) with { TransferredFrom = registration.TicketId };
        rig.Cards.Cards[served.TicketId] = CardNumbered(1);
        rig.Cards.Cards[noShow.TicketId] = CardNumbered(2);
        rig.Cards.Cards[cancelled.TicketId] = CardNumbered(3);
        rig.Cards.Cards[poli.TicketId] = CardNumbered(4);

        foreach (var (type, ticket) in new[]
        {
            (EventTypes.TicketPrinted, served), (EventTypes.TicketPrinted, noShow), (EventTypes.TicketPrinted, umum),
            (EventTypes.TicketPrinted, registration), (EventTypes.TicketPrinted, cancelled),
            (EventTypes.TicketCalled, served), (EventTypes.TicketServed, served), (EventTypes.TicketServed, umum),
            (EventTypes.TicketRecalled, noShow), (EventTypes.TicketNoShow, noShow), (EventTypes.TicketCancelled, cancelled),
            (EventTypes.TicketIssued, poli), (EventTypes.TicketTransferred, registration),
        })
        {
            await rig.PublishAsync(rig.Script.Bytes(type, ticket, minutes: 5));
        }

        await rig.UntilAsync(() => rig.Bpjs.Taken.Count == 7, "BPJS has the seven reports of the JKN tickets");
        var outbox = BridgeRig.OutboxOf(host);
        await rig.UntilAsync(() => outbox.Backlog().Count == 0, "nothing waits");

        var taken = rig.Bpjs.Taken;
        Assert.Equal(7, rig.Bpjs.Calls.Count);
        var adds = taken.OfType<TambahAntrean>().ToList();
        Assert.Equal(["B-001", "B-002", "B-003", "G-001"], adds.Select(a => a.NomorAntrean).Order());
        var first = adds.Single(a => a.NomorAntrean == "B-001");
        Assert.Equal(("0000000000001", "3201010101010001", "001", "2026-03-02", 1), (first.NomorKartu, first.Nik, first.KodePoli, first.TanggalPeriksa, first.AngkaAntrean));
        Assert.Equal("002", adds.Single(a => a.NomorAntrean == "G-001").KodePoli);
        var calls = taken.OfType<PanggilAntrean>().ToDictionary(p => p.NomorKartu, p => p.Status);
        Assert.Equal(new Dictionary<string, int> { ["0000000000001"] = 1, ["0000000000002"] = 2 }, calls);
        var batal = Assert.Single(taken.OfType<BatalAntrean>());
        Assert.Equal(("0000000000003", BpjsTeks.CancelledReason), (batal.NomorKartu, batal.Alasan));
        Assert.DoesNotContain(outbox.All(), r => r.Body.Contains("000000000000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_BPJS_keeps_a_ticket_s_add_waiting_its_panggil_waits_and_other_tickets_go_through()
    {
        await using var rig = await BridgeRig.StartAsync();
        var slow = Printed("B-001");
        var other = Printed("B-002");
        rig.Cards.Cards[slow.TicketId] = CardNumbered(1);
        rig.Cards.Cards[other.TicketId] = CardNumbered(2);
        var open = false;
        rig.Bpjs.Answer = body => !open && body is TambahAntrean { NomorAntrean: "B-001" } ? RecordingAntreanClient.Down : RecordingAntreanClient.Delivered;
        var host = await rig.StartBridgeAsync();
        var outbox = BridgeRig.OutboxOf(host);

        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, slow));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketServed, slow, minutes: 20));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, other, minutes: 1));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketServed, other, minutes: 21));
        await rig.UntilAsync(() => rig.Bpjs.Taken.Count == 2 && rig.Bpjs.Calls.Count(c => c.Body is TambahAntrean { NomorAntrean: "B-001" }) >= 3,
            "the other ticket is reported while the first ticket's add was tried three times");

        Assert.All(rig.Bpjs.Taken, body => Assert.Equal("0000000000002", body is TambahAntrean t ? t.NomorKartu : ((PanggilAntrean)body).NomorKartu));
        Assert.DoesNotContain(rig.Bpjs.Calls, c => c.Body is PanggilAntrean { NomorKartu: "0000000000001" });
        Assert.Equal("2 laporan BPJS menunggu koneksi sejak 08.15", outbox.Backlog().Text);

        open = true;
        await rig.UntilAsync(() => rig.Bpjs.Taken.Count == 4, "the waiting ticket's add and then its panggil arrive");

        var slowCalls = rig.Bpjs.Calls.Where(c => c.Body is TambahAntrean { NomorKartu: "0000000000001" } or PanggilAntrean { NomorKartu: "0000000000001" }).ToList();
        var firstTaken = slowCalls.FindIndex(c => c.Outcome.Kind == BpjsOutcomeKind.Delivered);
        Assert.IsType<TambahAntrean>(slowCalls[firstTaken].Body);
        Assert.All(slowCalls.Take(firstTaken), c => Assert.IsType<TambahAntrean>(c.Body));
        Assert.Equal(firstTaken + 2, slowCalls.Count);
        Assert.IsType<PanggilAntrean>(slowCalls[^1].Body);
        Assert.Null(outbox.Backlog().Text);
        Assert.All(outbox.All().Where(r => r.TicketId == slow.TicketId && r.Kind == ReportKind.Tambah), r => Assert.Equal(firstTaken + 1, r.Attempts));
    }

    [Fact]
    public async Task A_refused_add_or_a_ticket_without_a_card_stops_that_ticket_with_its_reason_and_no_other()
    {
        await using var rig = await BridgeRig.StartAsync();
        var refused = Printed("B-001");
        var cardless = Printed("B-002");
        var fine = Printed("B-003");
        rig.Cards.Cards[refused.TicketId] = CardNumbered(1);
        rig.Cards.WithoutCard[cardless.TicketId] = true;
        rig.Cards.Cards[fine.TicketId] = CardNumbered(3);
        rig.Bpjs.Answer = body => body is TambahAntrean { NomorKartu: "0000000000001" }
            ? new BpjsOutcome(BpjsOutcomeKind.Refused, 201, "Nomor kartu tidak terdaftar")
            : RecordingAntreanClient.Delivered;
        var host = await rig.StartBridgeAsync();
        var outbox = BridgeRig.OutboxOf(host);

        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, refused));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, cardless));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, fine));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketServed, refused, minutes: 10));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketCancelled, cardless, minutes: 11));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketServed, fine, minutes: 12));
        await rig.UntilAsync(() => outbox.All().Count == 6 && outbox.Backlog().Count == 0, "all six reports are stored and none waits");

        Assert.Equal(2, rig.Bpjs.Taken.Count);
        Assert.All(rig.Bpjs.Taken, body => Assert.Equal("0000000000003", body is TambahAntrean t ? t.NomorKartu : ((PanggilAntrean)body).NomorKartu));
        Assert.Single(rig.Bpjs.Calls, c => c.Outcome.Kind == BpjsOutcomeKind.Refused);
        Assert.Equal(
            ["B-001: Laporan BPJS ditolak: Nomor kartu tidak terdaftar", $"B-002: Laporan BPJS ditolak: {BpjsTeks.NoCard}"],
            outbox.RefusedTickets().Select(r => r.Text));
        Assert.All(outbox.All().Where(r => r.TicketId != fine.TicketId), r => Assert.Equal(ReportState.Refused, r.State));
    }

    [Fact]
    public async Task An_event_redelivered_after_a_crash_between_commit_and_PUBACK_adds_nothing()
    {
        await using var rig = await BridgeRig.StartAsync();
        var first = Printed("B-001");
        var second = Printed("B-002");
        rig.Cards.Cards[first.TicketId] = CardNumbered(1);
        rig.Cards.Cards[second.TicketId] = CardNumbered(2);
        var crashed = await rig.StartBridgeAsync(_ => throw new InvalidOperationException("simulated crash between the outbox commit and the PUBACK"));

        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, first));
        await rig.UntilAsync(() => BridgeRig.OutboxOf(crashed).All().Count == 1, "the first bridge committed the report");
        await BridgeRig.StopQuietlyAsync(crashed);

        var handled = 0;
        var restarted = await rig.StartBridgeAsync(_ =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        });
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, second, minutes: 1));
        await rig.UntilAsync(() => Volatile.Read(ref handled) == 2 && rig.Bpjs.Taken.Count == 2,
            "the restarted bridge read the unacknowledged event again and the new one, and BPJS took two adds");

        var outbox = BridgeRig.OutboxOf(restarted);
        Assert.Equal(2, outbox.All().Count);
        Assert.Equal(["B-001", "B-002"], rig.Bpjs.Calls.Select(c => ((TambahAntrean)c.Body).NomorAntrean).Order());
    }

    [Fact]
    public async Task Unreadable_payloads_are_dropped_and_the_next_event_is_still_reported()
    {
        await using var rig = await BridgeRig.StartAsync();
        var host = await rig.StartBridgeAsync();
        var ticket = Printed("B-001");

        await rig.PublishAsync([]);
        await rig.PublishAsync([0xff, 0xfe, 0x00, 0x7b]);
        await rig.PublishAsync("{\"eventId\":"u8.ToArray());
        await rig.PublishAsync("[1,2,3]"u8.ToArray());
        await rig.PublishAsync(EventEnvelope.Encode(Guid.NewGuid(), 90, EventTypes.TicketPrinted, TicketScript.Morning, BridgeRig.Site, "{\"number\":\"B-009\"}"));
        await rig.PublishAsync(EventEnvelope.Encode(Guid.NewGuid(), 91, "ticket.unknown-verb", TicketScript.Morning, BridgeRig.Site, "{}"));
        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, ticket));
        await rig.UntilAsync(() => rig.Bpjs.Taken.Count == 1, "the readable event after the bad ones is reported");

        Assert.Equal("B-001", Assert.IsType<TambahAntrean>(Assert.Single(rig.Bpjs.Calls).Body).NomorAntrean);
        Assert.Single(BridgeRig.OutboxOf(host).All());
    }

    [Fact]
    public async Task A_kiosk_that_does_not_answer_the_card_request_only_delays_the_report()
    {
        await using var rig = await BridgeRig.StartAsync();
        var ticket = Printed("B-001");
        rig.Cards.Silent[ticket.TicketId] = true;
        var host = await rig.StartBridgeAsync();
        var outbox = BridgeRig.OutboxOf(host);

        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, ticket));
        await rig.UntilAsync(() => outbox.All() is [{ Attempts: >= 2 }], "the report was tried twice without a card");
        Assert.Empty(rig.Bpjs.Calls);
        Assert.Equal(BpjsTeks.KioskNoAnswer, outbox.All()[0].LastError);

        rig.Cards.Silent.Clear();
        await rig.UntilAsync(() => rig.Bpjs.Taken.Count == 1, "the report goes once the kiosk answers");
        Assert.Equal(ReportState.Delivered, outbox.All()[0].State);
    }
}
