using Kiosk.Contract.Events;
using Kiosk.Contract.Reading;

namespace Kiosk.Contract.Tests.Reading;

/// <summary>
/// The Mobile JKN events as a consumer that only knows tickets reads them: <c>ticket.booked</c> is an event with no
/// ticket in it (screens and the bridge skip it), <c>ticket.checked-in</c> and a 1.1 ticket without the new members read
/// as tickets.
/// </summary>
public sealed class BookingEventTests
{
    [Fact]
    public void A_booked_event_is_an_event_whose_data_is_no_ticket()
    {
        Assert.True(WireReader.TryReadEvent(Samples.All["event-ticket-booked"].Bytes, out var envelope));

        Assert.Equal(typeof(BookingData), EventTypes.DataKind(envelope.Type));
        Assert.False(WireReader.TryReadData<TicketData>(envelope, out _));
        Assert.True(WireReader.TryReadData<BookingData>(envelope, out var booking));
        Assert.Equal("A-012", booking.Number);
    }

    [Fact]
    public void A_checked_in_event_reads_as_a_ticket_marked_Mobile_JKN()
    {
        Assert.True(WireReader.TryReadEvent(Samples.All["event-ticket-checked-in"].Bytes, out var envelope));

        Assert.Equal(typeof(TicketData), EventTypes.DataKind(envelope.Type));
        Assert.True(WireReader.TryReadData<TicketData>(envelope, out var ticket));
        Assert.True(ticket.MobileJkn);
        Assert.False(ticket.CancelledByBpjs);
    }

    [Fact]
    public void A_ticket_written_before_the_booking_members_reads_as_not_a_booking()
    {
        var written = System.Text.Encoding.UTF8.GetString(Samples.All["event-ticket-called"].Bytes)
            .Replace(",\"mobileJkn\":false,\"cancelledByBpjs\":false", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("mobileJkn", written, StringComparison.Ordinal);

        Assert.True(WireReader.TryReadEvent(System.Text.Encoding.UTF8.GetBytes(written), out var envelope));
        Assert.True(WireReader.TryReadData<TicketData>(envelope, out var ticket));
        Assert.False(ticket.MobileJkn || ticket.CancelledByBpjs);
    }
}
