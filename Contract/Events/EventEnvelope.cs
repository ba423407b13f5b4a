using System.Buffers;
using System.Text.Json;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Events;

/// <summary>
/// One event on <c>queue/{site}/events</c>. <see cref="EventId"/> lets a receiver drop the duplicates QoS 1 may deliver;
/// <see cref="Sequence"/> is per site, gap-free and strictly increasing, so a receiver that sees a gap re-reads the state.
/// <see cref="Data"/> is the type named by <see cref="EventTypes.DataKind"/>; read it with <see cref="ReadData{T}"/>.
/// </summary>
public sealed record EventEnvelope
{
    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    public required Guid EventId { get; init; }

    public required long Sequence { get; init; }

    public required string Type { get; init; }

    /// <summary>When the change was committed, with the site's offset.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public required string Site { get; init; }

    /// <summary>Null only when the kiosk's stored copy of the event was damaged (then re-read the state).</summary>
    public required JsonElement? Data { get; init; }

    public T ReadData<T>() where T : class =>
        (Data is { ValueKind: not JsonValueKind.Null } data ? data.Deserialize(ContractJson.TypeInfo<T>()) : null)
        ?? throw new JsonException($"event {Type} has no data");

    /// <summary>
    /// The wire bytes of an event whose data is already contract JSON (the outbox stores it so), without parsing it again.
    /// </summary>
    public static byte[] Encode(Guid eventId, long sequence, string type, DateTimeOffset occurredAt, string site, string dataJson)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(dataJson);
        var buffer = new ArrayBufferWriter<byte>(256 + dataJson.Length);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJson.Options.Encoder }))
        {
            // Same member order and spelling as the record, so a read and re-write gives the same bytes.
            json.WriteStartObject();
            json.WriteString("contractVersion", Contract.ContractVersion.Current);
            json.WriteString("eventId", eventId);
            json.WriteNumber("sequence", sequence);
            json.WriteString("type", type);
            json.WritePropertyName("occurredAt");
            JsonSerializer.Serialize(json, occurredAt, ContractJson.TypeInfo<DateTimeOffset>());
            json.WriteString("site", site);
            json.WritePropertyName("data");
            if (IsJsonObject(dataJson))
            {
                json.WriteRawValue(dataJson, skipInputValidation: true);
            }
            else
            {
                // A damaged stored row must not block every event behind it: it goes out in order with null data,
                // and a receiver re-reads the retained state.
                json.WriteNullValue();
            }
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
