using System.Text;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Contract.Status;
using Kiosk.DistrictLink.Forwarding;

namespace Kiosk.District.Tests.Link;

/// <summary>Which subject and de-duplication id each message of the site's tree gets; total over any topic and bytes.</summary>
public sealed class LinkRoutesTests
{
    private const string Site = "pkm-kokop";
    private static readonly LinkRoutes Routes = new(Site);
    private static readonly DateTimeOffset At = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(7));

    [Fact]
    public void An_event_goes_to_the_sites_events_with_its_event_id()
    {
        var id = Guid.NewGuid();
        var payload = EventEnvelope.Encode(id, 42, "ticket-issued", At, Site, "{\"x\":1}");

        var forward = Assert.IsType<LinkDecision.Forward>(Routes.Decide($"queue/{Site}/events", payload));

        Assert.Equal(DistrictSubjects.Events(Site), forward.Subject);
        Assert.Equal(id.ToString("D"), forward.MessageId);
        Assert.Equal(42, forward.EventSequence);
        Assert.Null(forward.Unreadable);
    }

    [Fact]
    public void A_status_goes_to_its_kiosks_subject_with_the_status_message_id()
    {
        var payload = ContractJson.SerializeToUtf8Bytes(KioskStatus.Offline("k1", At, "mati"));

        var forward = Assert.IsType<LinkDecision.Forward>(Routes.Decide($"queue/{Site}/kiosk/k1/status", payload));

        Assert.Equal(DistrictSubjects.Status(Site, "k1"), forward.Subject);
        Assert.Equal(DistrictSubjects.StatusMessageId(Site, "k1", At), forward.MessageId);
        Assert.Null(forward.EventSequence);
    }

    public static TheoryData<string, byte[]> UnreadablePayloads => new()
    {
        { "empty", [] },
        { "binary", [0xff, 0x00, 0xfe, 0x01, 0x80] },
        { "not JSON", Encoding.UTF8.GetBytes("halo") },
        { "a JSON array", Encoding.UTF8.GetBytes("[1,2,3]") },
        { "truncated", Encoding.UTF8.GetBytes("{\"eventId\":\"") },
        { "no event id", Encoding.UTF8.GetBytes("{\"sequence\":1,\"type\":\"x\",\"occurredAt\":\"2026-12-07T08:00:00+07:00\",\"site\":\"pkm-kokop\",\"data\":null}") },
        { "an empty event id", EventEnvelope.Encode(Guid.Empty, 1, "x", At, Site, "{}") },
        { "a wrong type", Encoding.UTF8.GetBytes("{\"eventId\":17,\"sequence\":\"x\"}") },
        { "invalid UTF-8 in a string", [.. Encoding.UTF8.GetBytes("{\"eventId\":\""), 0xc3, 0x28, .. Encoding.UTF8.GetBytes("\"}")] },
    };

    [Theory]
    [MemberData(nameof(UnreadablePayloads))]
    public void An_unreadable_event_is_still_forwarded_under_the_hash_of_its_bytes(string kind, byte[] payload)
    {
        var forward = Assert.IsType<LinkDecision.Forward>(Routes.Decide($"queue/{Site}/events", payload));

        Assert.Equal(DistrictSubjects.Events(Site), forward.Subject);
        Assert.Equal(LinkRoutes.BytesMessageId("event", payload), forward.MessageId);
        Assert.Null(forward.EventSequence);
        Assert.False(string.IsNullOrEmpty(forward.Unreadable), kind);
    }

    [Theory]
    [MemberData(nameof(UnreadablePayloads))]
    public void An_unreadable_status_is_still_forwarded_under_the_hash_of_its_bytes(string kind, byte[] payload)
    {
        var forward = Assert.IsType<LinkDecision.Forward>(Routes.Decide($"queue/{Site}/kiosk/k1/status", payload));

        Assert.Equal(DistrictSubjects.Status(Site, "k1"), forward.Subject);
        Assert.Equal(LinkRoutes.BytesMessageId("status", payload), forward.MessageId);
        Assert.False(string.IsNullOrEmpty(forward.Unreadable), kind);
    }

    [Fact]
    public void The_same_bytes_get_the_same_id_and_other_bytes_another()
    {
        var a = LinkRoutes.BytesMessageId("event", "halo"u8);
        Assert.Equal(a, LinkRoutes.BytesMessageId("event", "halo"u8));
        Assert.NotEqual(a, LinkRoutes.BytesMessageId("event", "hal0"u8));
        Assert.NotEqual(a, LinkRoutes.BytesMessageId("status", "halo"u8));
        Assert.Matches("^event-sha256-[0-9a-f]{64}$", a);
    }

    [Fact]
    public void The_retained_state_gives_the_kiosks_sequence_and_is_not_forwarded()
    {
        var state = ContractJson.SerializeToUtf8Bytes(new StateSnapshot
        {
            Site = Site,
            BusinessDay = new DateOnly(2026, 12, 7),
            DayClosed = false,
            Sequence = 77,
            Services = [],
            Counters = [],
            LastCalls = [],
        });

        Assert.Equal(new LinkDecision.SiteState(77), Routes.Decide($"queue/{Site}/state", state));
        Assert.Equal(new LinkDecision.SiteState(null), Routes.Decide($"queue/{Site}/state", []));
        Assert.Equal(new LinkDecision.SiteState(null), Routes.Decide($"queue/{Site}/state", [0xff, 0x01]));
    }

    [Theory]
    [InlineData("queue/pkm-lain/events")]
    [InlineData("queue/pkm-kokop/display/1")]
    [InlineData("queue/pkm-kokop/counter/1/command")]
    [InlineData("queue/pkm-kokop/kiosk/k.1/status")]
    [InlineData("queue/pkm-kokop/kiosk/k 1/status")]
    [InlineData("")]
    [InlineData("queue/pkm-kokop/events/extra")]
    public void Anything_else_is_dropped_with_its_reason(string topic)
    {
        var drop = Assert.IsType<LinkDecision.Drop>(Routes.Decide(topic, "{}"u8));
        Assert.False(string.IsNullOrEmpty(drop.Reason));
    }

    [Fact]
    public void A_site_id_that_cannot_be_a_subject_is_refused_at_construction() =>
        Assert.Throws<ArgumentException>(() => new LinkRoutes("pkm.kokop"));
}
