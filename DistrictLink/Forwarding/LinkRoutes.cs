using System.Security.Cryptography;
using System.Text.Json;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Contract.Status;
using Kiosk.Contract.Topics;

namespace Kiosk.DistrictLink.Forwarding;

/// <summary>
/// Where each message of the site's tree goes in the district and under which JetStream de-duplication id. Total over
/// its input: any topic and any bytes get a <see cref="LinkDecision"/>, never an exception. An event's id is its
/// <c>eventId</c>, a status's is <see cref="DistrictSubjects.StatusMessageId"/>, so a message delivered again after a
/// crash (MQTT QoS 1 is at least once) gets the same id and the stream's duplicate window drops it.
/// </summary>
public sealed class LinkRoutes
{
    private readonly SiteTopics topics;

    public LinkRoutes(string site)
    {
        if (!DistrictSubjects.IsToken(site))
        {
            throw new ArgumentException($"'{site}' is not a site id usable in a subject.", nameof(site));
        }

        Site = site;
        topics = new SiteTopics(site);
    }

    public string Site { get; }

    /// <summary>The filters the link subscribes to (events and status at QoS 1, the state at QoS 0: see DistrictForwarder).</summary>
    public string EventsFilter => topics.Events;

    public string StatusFilter => topics.AnyKioskStatus;

    public string StateFilter => topics.State;

    public LinkDecision Decide(string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var kind = topics.Classify(topic, out _);
        switch (kind)
        {
            case TopicKind.Events:
                return DecideEvent(payload);
            case TopicKind.KioskStatus:
                var kioskId = topic.Split('/')[^2];
                return DistrictSubjects.IsToken(kioskId)
                    ? DecideStatus(kioskId, payload)
                    : new LinkDecision.Drop($"kiosk id '{kioskId}' of {topic} cannot be a NATS subject token");
            case TopicKind.State:
                return new LinkDecision.SiteState(ReadStateSequence(payload));
            default:
                return new LinkDecision.Drop($"{topic} is not an events or kiosk status topic of site {Site}");
        }
    }

    /// <summary>The id of bytes that do not read as the contract: their SHA-256, so a resend of the same bytes is dropped too.</summary>
    public static string BytesMessageId(string kind, ReadOnlySpan<byte> payload) =>
        $"{kind}-sha256-{Convert.ToHexStringLower(SHA256.HashData(payload))}";

    private LinkDecision.Forward DecideEvent(ReadOnlySpan<byte> payload)
    {
        var subject = DistrictSubjects.Events(Site);
        var (envelope, problem) = TryRead<EventEnvelope>(payload);
        if (envelope is null || envelope.EventId == Guid.Empty)
        {
            return new LinkDecision.Forward(subject, BytesMessageId("event", payload), null, problem ?? "the event has an empty eventId");
        }

        return new LinkDecision.Forward(subject, envelope.EventId.ToString("D"), envelope.Sequence, null);
    }

    private LinkDecision.Forward DecideStatus(string kioskId, ReadOnlySpan<byte> payload)
    {
        var subject = DistrictSubjects.Status(Site, kioskId);
        var (status, problem) = TryRead<KioskStatus>(payload);
        return status is null
            ? new LinkDecision.Forward(subject, BytesMessageId("status", payload), null, problem)
            : new LinkDecision.Forward(subject, DistrictSubjects.StatusMessageId(Site, kioskId, status.At), null, null);
    }

    private static long? ReadStateSequence(ReadOnlySpan<byte> payload)
    {
        // An empty retained payload is the state being cleared; anything unreadable simply leaves the figure unknown.
        var (state, _) = payload.IsEmpty ? (null, null) : TryRead<StateSnapshot>(payload);
        return state?.Sequence;
    }

    private static (T? Value, string? Problem) TryRead<T>(ReadOnlySpan<byte> payload) where T : class
    {
        if (payload.IsEmpty)
        {
            return (null, "empty payload");
        }

        try
        {
            return (ContractJson.Deserialize<T>(payload), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            // The serializer's documented failures are JsonException; these cover converters that throw their own.
            return (null, e.Message);
        }
    }
}
