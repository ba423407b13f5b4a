using System.Text;
using Kiosk.Contract.Events;
using Kiosk.Contract.Reading;
using Kiosk.Contract.State;

namespace Kiosk.Contract.Tests.Reading;

/// <summary>
/// The consumer side of the wire reads every golden sample, and refuses each kind of bad payload with false, never an
/// exception, on every one of its readers (the screens and the district service both stand on them).
/// </summary>
public sealed class WireReaderTests
{
    public static TheoryData<string, byte[]> BadKinds() => new()
    {
        { "empty payload", [] },
        { "binary", [0x00, 0xff, 0x10, 0x80, 0xc3] },
        { "not JSON", Utf8("kertas habis") },
        { "JSON null", Utf8("null") },
        { "JSON array", Utf8("[1,2,3]") },
        { "JSON string", Utf8("\"online\"") },
        { "empty object", Utf8("{}") },
        { "truncated", Sample("state")[..40] },
        { "invalid UTF-8 in a string", Bytes("{\"kioskId\":\"", [0xc3, 0x28, 0xff], "\",\"online\":true}") },
        { "lone surrogate escape", Utf8("{\"kioskId\":\"\\ud800\",\"online\":true,\"printer\":\"ok\",\"message\":\"x\",\"unprintedTickets\":0,\"at\":\"2026-03-02T08:00:00+07:00\",\"heartbeatSeconds\":60}") },
        { "deep nesting", Utf8("{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}") },
        { "huge number", Utf8("{\"sequence\":1" + new string('0', 400) + "}") },
        { "status without a kiosk id", Utf8("{\"kioskId\":\"\",\"online\":true,\"printer\":\"ok\",\"message\":\"x\",\"unprintedTickets\":0,\"at\":\"2026-03-02T08:00:00+07:00\",\"heartbeatSeconds\":60}") },
        { "status kioskId null", Replace("status-online", "\"kioskId\":\"kiosk-1\"", "\"kioskId\":null") },
        { "status printer unknown word", Replace("status-online", "\"printer\":\"paper-low\"", "\"printer\":\"meledak\"") },
        { "status printer as a number", Replace("status-online", "\"printer\":\"paper-low\"", "\"printer\":2") },
        { "status at not a date", Replace("status-online", "\"at\":\"", "\"at\":\"kemarin") },
        { "state services null", Replace("state", "\"services\":[{", "\"services\":null,\"x\":[{") },
        { "state a null service", Replace("state", "\"services\":[{", "\"services\":[null,{") },
        { "state a null waiting ticket", Replace("state", "\"waiting\":[{", "\"waiting\":[null,{") },
        { "state a null counter service", Replace("state", "\"services\":[\"UMUM\"", "\"services\":[null") },
        { "state ticket number null", Replace("state", "\"number\":\"A-002\"", "\"number\":null") },
        { "state sequence a string", Replace("state", "\"sequence\":7", "\"sequence\":\"7\"") },
        { "event type null", Replace("event-ticket-called", "\"type\":\"ticket.called\"", "\"type\":null") },
        { "event id not a guid", Replace("event-ticket-called", "\"eventId\":\"", "\"eventId\":\"x") },
        { "reply message null", Replace("reply-transfer", "\"message\":\"A-001", "\"message\":null,\"m\":\"A-001") },
        { "reply card number null", Replace("reply-transfer", "\"number\":\"0001234567890\"", "\"number\":null") },
    };

    [Theory]
    [MemberData(nameof(BadKinds))]
    public void Every_reader_answers_false_on_a_bad_payload_and_never_throws(string kind, byte[] payload)
    {
        Assert.False(WireReader.TryReadState(payload, out var state), kind);
        Assert.Null(state);
        Assert.False(WireReader.TryReadStatus(payload, out var status), kind);
        Assert.Null(status);
        Assert.False(WireReader.TryReadReply(payload, out var reply), kind);
        Assert.Null(reply);
        Assert.False(WireReader.TryReadHeartbeat(payload, out var heartbeat), kind);
        Assert.Null(heartbeat);
        Assert.False(WireReader.TryReadEvent(payload, out var envelope) && WireReader.TryReadData<TicketData>(envelope, out _), kind);
    }

    [Theory]
    [InlineData("event-ticket-called")]
    [InlineData("event-ticket-returned")]
    public void A_ticket_event_reads_with_its_ticket(string sample)
    {
        Assert.True(WireReader.TryReadEvent(Sample(sample), out var envelope));
        Assert.Equal(typeof(TicketData), EventTypes.DataKind(envelope.Type));
        Assert.True(WireReader.TryReadData<TicketData>(envelope, out var ticket));
        Assert.Equal("A-001", ticket.Number);
    }

    [Fact]
    public void Day_counter_and_recap_events_read_with_their_data()
    {
        Assert.True(WireReader.TryReadEvent(Sample("event-day-opened"), out var day));
        Assert.True(WireReader.TryReadData<DayData>(day, out var dayData));
        Assert.Equal(new DateOnly(2026, 3, 2), dayData.BusinessDay);

        Assert.True(WireReader.TryReadEvent(Sample("event-counter-paused"), out var paused));
        Assert.True(WireReader.TryReadData<CounterData>(paused, out var counter));
        Assert.True(counter.Paused);

        Assert.True(WireReader.TryReadEvent(Sample("event-day-recap"), out var recapEvent));
        Assert.True(WireReader.TryReadData<DayRecapData>(recapEvent, out var recap));
        Assert.Equal(3, recap.Visitors);
    }

    [Fact]
    public void An_event_whose_stored_copy_was_damaged_reads_but_its_data_does_not()
    {
        // The kiosk sends a damaged outbox row in order with null data (EventEnvelope.Encode); the envelope still counts.
        var payload = EventEnvelope.Encode(Guid.NewGuid(), 5, EventTypes.TicketCalled, DateTimeOffset.UnixEpoch, "pkm-kokop", "{broken");
        Assert.True(WireReader.TryReadEvent(payload, out var envelope));
        Assert.Equal(5, envelope.Sequence);
        Assert.False(WireReader.TryReadData<TicketData>(envelope, out var ticket));
        Assert.Null(ticket);
    }

    [Fact]
    public void Data_of_another_shape_is_refused()
    {
        Assert.True(WireReader.TryReadEvent(Sample("event-day-opened"), out var day));
        Assert.False(WireReader.TryReadData<TicketData>(day, out _));
    }

    [Fact]
    public void State_status_and_reply_samples_read()
    {
        Assert.True(WireReader.TryReadState(Sample("state"), out var state));
        Assert.Equal("A-002", Assert.Single(Assert.Single(state.Services).Waiting).Number);
        Assert.True(WireReader.TryReadStatus(Sample("status-online"), out var online));
        Assert.Equal(PrinterCondition.PaperLow, online.Printer);
        Assert.True(WireReader.TryReadStatus(Sample("status-will"), out var will));
        Assert.False(will.Online);
        Assert.True(WireReader.TryReadReply(Sample("reply-transfer"), out var reply));
        Assert.Equal("G-001", reply.NewTicket?.Number);
        Assert.True(WireReader.TryReadReply(Sample("reply-refused"), out var refused));
        Assert.False(refused.Ok);
    }

    [Fact]
    public void Members_a_newer_minor_version_adds_are_ignored()
    {
        Assert.True(WireReader.TryReadState(Replace("state", "\"sequence\":7", "\"sequence\":7,\"queueWeather\":{\"a\":[1]}"), out StateSnapshot? state));
        Assert.Equal(7, state.Sequence);
    }

    private static byte[] Sample(string name) => Samples.All[name].Bytes;

    private static byte[] Replace(string sample, string from, string to)
    {
        var text = Encoding.UTF8.GetString(Sample(sample));
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Utf8(before), .. middle, .. Utf8(after)];
}
