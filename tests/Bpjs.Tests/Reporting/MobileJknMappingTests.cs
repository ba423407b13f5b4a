using System.Text.Json;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Reporting;
using Kiosk.Contract;
using Kiosk.Contract.Events;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>
/// What BPJS is told about a Mobile JKN booking's ticket: BPJS made the booking, so never a tambah; when the kiosk gave
/// it a number in the registration queue (which has no poli of its own), it is reported under the poli BPJS booked.
/// </summary>
public sealed class MobileJknMappingTests
{
    private static readonly Guid Booked = Guid.Parse("7d3c1a52-9e0b-4f6d-8a21-3b5c4d6e7f80");
    private readonly ReportMapper mapper = new(
        new Dictionary<string, string> { ["P-UMUM"] = "001" },
        ticketId => ticketId == Booked ? "001" : null);
    private readonly TicketScript script = new("pkm-jkn");

    private static TicketData Booking(Guid id) =>
        TicketScript.Ticket("B-004", "BPJS", print: PrintState.Printed) with { TicketId = id, MobileJkn = true };

    [Theory]
    [InlineData(EventTypes.TicketPrinted)]
    [InlineData(EventTypes.TicketCheckedIn)]
    [InlineData(EventTypes.TicketTransferred)]
    public void A_booking_in_the_registration_queue_adds_nothing_and_leaves_the_visit_to_its_poli_ticket(string type) =>
        Assert.IsType<MapDecision.Skip>(mapper.Map(script.Event(type, Booking(Booked))));

    [Theory]
    [InlineData(EventTypes.TicketServed, 1)]
    [InlineData(EventTypes.TicketNoShow, 2)]
    public void A_booking_served_or_not_come_at_registration_is_reported_under_the_booked_poli(string type, int status)
    {
        var report = Assert.IsType<MapDecision.Report>(mapper.Map(script.Event(type, Booking(Booked)))).Planned;

        Assert.Equal(ReportKind.Panggil, report.Kind);
        var body = JsonSerializer.Deserialize<PanggilAntrean>(report.Body)!;
        Assert.Equal(("001", status), (body.KodePoli, body.Status));
    }

    [Theory]
    [InlineData(EventTypes.TicketExpired)]
    [InlineData(EventTypes.TicketCancelled)]
    public void A_booking_never_checked_in_or_cancelled_by_the_officer_is_cancelled_at_BPJS_under_the_booked_poli(string type)
    {
        var report = Assert.IsType<MapDecision.Report>(mapper.Map(script.Event(type, Booking(Booked) with { State = TicketState.Expired }))).Planned;

        Assert.Equal(ReportKind.Batal, report.Kind);
        Assert.Equal("001", JsonSerializer.Deserialize<BatalAntrean>(report.Body)!.KodePoli);
    }

    [Fact]
    public void A_booking_BPJS_cancelled_itself_is_not_cancelled_back() =>
        Assert.IsType<MapDecision.Skip>(mapper.Map(script.Event(EventTypes.TicketCancelled, Booking(Booked) with { CancelledByBpjs = true })));

    [Fact]
    public void A_Mobile_JKN_ticket_this_bridge_did_not_book_in_an_unmapped_service_is_nothing() =>
        Assert.IsType<MapDecision.Skip>(mapper.Map(script.Event(EventTypes.TicketServed, Booking(Guid.NewGuid()))));

    [Fact]
    public void A_booking_report_is_marked_as_BPJS_s_own_so_the_outbox_takes_it_without_a_tambah()
    {
        var served = Assert.IsType<MapDecision.Report>(mapper.Map(script.Event(EventTypes.TicketServed, Booking(Booked)))).Planned;
        var walkIn = Assert.IsType<MapDecision.Report>(mapper.Map(script.Event(EventTypes.TicketServed, TicketScript.Ticket("U-001")))).Planned;

        Assert.True(served.MadeByBpjs);
        Assert.False(walkIn.MadeByBpjs);
    }
}
