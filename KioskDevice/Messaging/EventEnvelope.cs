using System.Buffers;
using System.Text.Json;
using Kiosk.Queue.Outbox;

namespace Kiosk.Device.Messaging;

/// <summary>
/// The wire form of an outbox event on <c>queue/{site}/events</c>:
/// <c>{"eventId","sequence","type","occurredAt","site","data":{...}}</c>. The event id lets receivers drop the
/// duplicates QoS 1 may deliver; the sequence lets them notice a gap and re-read the retained state.
/// </summary>
public static class EventEnvelope
{
    public static byte[] Encode(OutboxEvent outboxEvent, string site)
    {
        ArgumentNullException.ThrowIfNull(outboxEvent);
        var buffer = new ArrayBufferWriter<byte>(256 + outboxEvent.Payload.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventId", outboxEvent.EventId);
            json.WriteNumber("sequence", outboxEvent.Sequence);
            json.WriteString("type", outboxEvent.Type);
            json.WriteString("occurredAt", outboxEvent.OccurredAt);
            json.WriteString("site", site);
            json.WritePropertyName("data");
            if (string.IsNullOrEmpty(outboxEvent.Payload))
            {
                json.WriteRawValue("{}");
            }
            else if (IsJson(outboxEvent.Payload))
            {
                json.WriteRawValue(outboxEvent.Payload);
            }
            else
            {
                // A damaged row must not block every event behind it: it goes out as text, marked, and in order.
                json.WriteStringValue(outboxEvent.Payload);
                json.WriteBoolean("dataInvalid", true);
            }
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsJson(string payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
