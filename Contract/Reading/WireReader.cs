using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kiosk.Contract.Commands;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Contract.Status;

namespace Kiosk.Contract.Reading;

/// <summary>
/// The consumer side of the wire: reads what a kiosk publishes (events, retained state, kiosk status, counter replies,
/// link heartbeats) into the contract's own types. The screens, the patient pages and the district service all read
/// through here, so "what counts as the contract" is decided once.
/// </summary>
/// <remarks>
/// Total: every byte sequence gives true with a value or false, never an exception, because every reader of these
/// serves someone else (a loket, the waiting room, a whole kabupaten's ingest) and must not end on one bad payload.
/// A value read here holds no null where the contract says never (members and list elements), so a caller can walk it
/// without guarding each member.
/// </remarks>
public static class WireReader
{
    public static bool TryReadEvent(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out EventEnvelope? envelope) =>
        TryRead(payload, out envelope);

    /// <summary>
    /// The data of <paramref name="envelope"/> as <typeparamref name="T"/> (which <see cref="EventTypes.DataKind"/> names
    /// for its type); false when the data is absent (a damaged stored row) or is not that shape.
    /// </summary>
    public static bool TryReadData<T>(EventEnvelope envelope, [NotNullWhen(true)] out T? data)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(envelope);
        data = null;
        if (envelope.Data is not { ValueKind: JsonValueKind.Object } element)
        {
            return false;
        }

        try
        {
            data = element.Deserialize(ContractJson.StrictTypeInfo<T>());
            if (data is null || !Complete(data))
            {
                data = null;
                return false;
            }

            return true;
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            data = null;
            return false;
        }
    }

    public static bool TryReadState(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out StateSnapshot? state) =>
        TryRead(payload, out state);

    /// <summary>A kiosk status; one without a kiosk id names nobody and is refused.</summary>
    public static bool TryReadStatus(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out KioskStatus? status)
    {
        if (TryRead(payload, out status) && status.KioskId.Length > 0)
        {
            return true;
        }

        status = null;
        return false;
    }

    public static bool TryReadReply(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out CounterReply? reply) =>
        TryRead(payload, out reply);

    public static bool TryReadHeartbeat(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out LinkHeartbeat? heartbeat) =>
        TryRead(payload, out heartbeat);

    private static bool TryRead<T>(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out T? value)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(payload, ContractJson.StrictTypeInfo<T>());
            if (value is not null && Complete(value))
            {
                return true;
            }
        }
        catch (Exception ex) when (Unreadable(ex))
        {
        }

        value = null;
        return false;
    }

    /// <summary>
    /// The serializer checks members (<see cref="JsonSerializerOptions.RespectNullableAnnotations"/>) but not list
    /// elements: <c>"services": [null]</c> reads as a list holding null. This finds those.
    /// </summary>
    private static bool Complete(object value) => value switch
    {
        StateSnapshot s => NoNull(s.Services) && s.Services.All(v => NoNull(v.Waiting))
            && NoNull(s.Counters) && s.Counters.All(c => NoNull(c.Services))
            && NoNull(s.LastCalls),
        DayRecapData r => NoNull(r.ByCategory) && NoNull(r.ByPayer) && NoNull(r.ByPriority) && NoNull(r.Services) && NoNull(r.Hours),
        _ => true,
    };

    private static bool NoNull<T>(IReadOnlyList<T> items) => items.All(item => item is not null);

    /// <summary>
    /// What reading a payload may throw, all of it "not the contract": broken JSON or a member of the wrong shape or a
    /// null where the contract says never (<see cref="JsonException"/>), text that is not UTF-8 or holds a lone
    /// surrogate (<see cref="InvalidOperationException"/>), and numbers or dates out of range.
    /// </summary>
    private static bool Unreadable(Exception exception) =>
        exception is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException;
}
