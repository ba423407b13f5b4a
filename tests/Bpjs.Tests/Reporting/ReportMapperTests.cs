using System.Text.Json;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Text;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Reading;

namespace Kiosk.Bpjs.Tests.Reporting;

public sealed class ReportMapperTests
{
    private readonly ReportMapper mapper = new(new Dictionary<string, string> { ["P-UMUM"] = "001", ["P-GIGI"] = "002" });
    private readonly TicketScript script = new("pkm-map");

    private PlannedReport Planned(string type, TicketData ticket, int minutes = 0)
    {
        var envelope = script.Event(type, ticket, minutes);
        var report = Assert.IsType<MapDecision.Report>(mapper.Map(envelope)).Planned;
        Assert.Equal(envelope.EventId, report.EventId);
        Assert.Equal(ticket.TicketId, report.TicketId);
        Assert.Equal(ticket.Number, report.TicketNumber);
        return report;
    }

    private static T Body<T>(PlannedReport report) => JsonSerializer.Deserialize<T>(report.Body)!;

    [Fact]
    public void A_printed_JKN_ticket_is_added_with_its_poli_date_and_number_and_no_card_in_the_stored_body()
    {
        var ticket = TicketScript.Ticket("B-012") with { PrintState = PrintState.Printed };

        var report = Planned(EventTypes.TicketPrinted, ticket);
        var body = Body<TambahAntrean>(report);

        Assert.Equal(ReportKind.Tambah, report.Kind);
        Assert.Equal("001", body.KodePoli);
        Assert.Equal("2026-03-02", body.TanggalPeriksa);
        Assert.Equal("B-012", body.NomorAntrean);
        Assert.Equal(12, body.AngkaAntrean);
        Assert.Equal(BpjsTeks.Keterangan, body.Keterangan);
        Assert.Equal(string.Empty, body.NomorKartu);
        Assert.Equal(string.Empty, body.Nik);
    }

    [Fact]
    public void A_counter_made_ticket_that_is_never_printed_is_added_when_issued()
    {
        var poliTicket = TicketScript.Ticket("G-003", "P-GIGI", print: PrintState.NotRequired) with { TransferredFrom = Guid.NewGuid(), TransferredFromNumber = "A-001" };

        var body = Body<TambahAntrean>(Planned(EventTypes.TicketIssued, poliTicket));

        Assert.Equal("002", body.KodePoli);
        Assert.Equal(3, body.AngkaAntrean);
    }

    [Fact]
    public void A_ticket_waiting_for_its_print_is_not_added_at_issue()
    {
        var decision = mapper.Map(script.Event(EventTypes.TicketIssued, TicketScript.Ticket("B-001")));

        Assert.IsType<MapDecision.Skip>(decision);
    }

    [Theory]
    [InlineData(EventTypes.TicketServed, 1)]
    [InlineData(EventTypes.TicketTransferred, 1)]
    [InlineData(EventTypes.TicketNoShow, 2)]
    public void Served_and_transferred_are_hadir_and_no_show_is_tidak_hadir_at_the_event_time(string type, int status)
    {
        var ticket = TicketScript.Ticket("B-002") with { PrintState = PrintState.Printed, State = TicketState.Served, CounterId = "1" };

        var report = Planned(type, ticket, minutes: 30);
        var body = Body<PanggilAntrean>(report);

        Assert.Equal(ReportKind.Panggil, report.Kind);
        Assert.Equal(status, body.Status);
        Assert.Equal("001", body.KodePoli);
        Assert.Equal("2026-03-02", body.TanggalPeriksa);
        Assert.Equal(TicketScript.Morning.AddMinutes(30).ToUnixTimeMilliseconds(), body.Waktu);
    }

    [Theory]
    [InlineData(EventTypes.TicketCancelled, BpjsTeks.CancelledReason)]
    [InlineData(EventTypes.TicketExpired, BpjsTeks.ExpiredReason)]
    public void Cancelled_and_expired_are_batal_with_a_fixed_Indonesian_reason(string type, string reason)
    {
        var report = Planned(type, TicketScript.Ticket("B-004") with { PrintState = PrintState.Printed });
        var body = Body<BatalAntrean>(report);

        Assert.Equal(ReportKind.Batal, report.Kind);
        Assert.Equal(reason, body.Alasan);
        Assert.Equal("001", body.KodePoli);
    }

    [Theory]
    [InlineData(EventTypes.TicketCalled)]
    [InlineData(EventTypes.TicketRecalled)]
    [InlineData(EventTypes.TicketSkipped)]
    [InlineData(EventTypes.TicketReturned)]
    [InlineData(EventTypes.TicketPrintFailed)]
    [InlineData(EventTypes.TicketVoided)]
    public void Calls_skips_returns_and_print_trouble_report_nothing(string type)
    {
        Assert.IsType<MapDecision.Skip>(mapper.Map(script.Event(type, TicketScript.Ticket("B-005") with { PrintState = PrintState.Printed })));
    }

    [Theory]
    [InlineData(Payer.Umum, "P-UMUM")]
    [InlineData(Payer.Unknown, "P-UMUM")]
    [InlineData(Payer.Bpjs, "A")]
    public void A_non_JKN_ticket_or_a_service_without_a_poli_reports_nothing(Payer payer, string service)
    {
        var ticket = TicketScript.Ticket("A-006", service, payer, PrintState.Printed);

        foreach (var type in new[] { EventTypes.TicketPrinted, EventTypes.TicketServed, EventTypes.TicketNoShow, EventTypes.TicketCancelled })
        {
            Assert.IsType<MapDecision.Skip>(mapper.Map(script.Event(type, ticket)));
        }
    }

    [Fact]
    public void Events_that_are_not_about_a_ticket_or_hold_no_ticket_report_nothing()
    {
        var day = EventEnvelope.Encode(Guid.NewGuid(), 1, EventTypes.DayOpened, TicketScript.Morning, "pkm-map", """{"businessDay":"2026-03-02","expiredTickets":0}""");
        var broken = EventEnvelope.Encode(Guid.NewGuid(), 2, EventTypes.TicketPrinted, TicketScript.Morning, "pkm-map", """{"number":"B-001"}""");

        Assert.True(WireReader.TryReadEvent(day, out var dayEvent));
        Assert.True(WireReader.TryReadEvent(broken, out var brokenEvent));
        Assert.IsType<MapDecision.Skip>(mapper.Map(dayEvent));
        Assert.IsType<MapDecision.Skip>(mapper.Map(brokenEvent));
    }

    [Theory]
    [InlineData("A-012", 12)]
    [InlineData("GIGI-007", 7)]
    [InlineData("105", 105)]
    [InlineData("A-", null)]
    [InlineData("", null)]
    public void The_number_part_is_the_last_run_of_digits(string number, int? expected)
    {
        Assert.Equal(expected, ReportMapper.NumberPart(number));
    }
}
