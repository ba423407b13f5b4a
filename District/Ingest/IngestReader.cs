using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Status;
using Kiosk.District.Text;

namespace Kiosk.District.Ingest;

/// <summary>
/// Reads one stream message with the contract's types. Total: every input becomes an event, a status or a rejection
/// with an Indonesian reason; nothing a site sends can throw out of here.
/// </summary>
internal static class IngestReader
{
    public static IngestItem Read(string subject, ReadOnlySpan<byte> payload, ulong streamSequence, int maxBytes)
    {
        var site = DistrictSubjects.TryParse(subject, out var parsed) ? parsed : null;
        var bytes = payload.ToArray();
        IngestRejected Reject(string reason) => new(subject, streamSequence, site?.Site, reason, bytes);

        if (site is null || site.Kind == DistrictSubjectKind.Link)
        {
            return Reject(IngestTeks.UnknownSubject);
        }

        if (payload.IsEmpty)
        {
            return Reject(IngestTeks.Empty);
        }

        if (payload.Length > maxBytes)
        {
            return Reject(IngestTeks.TooLarge(payload.Length, maxBytes));
        }

        if (!System.Text.Unicode.Utf8.IsValid(payload) || payload.ContainsAnyInRange((byte)0, (byte)8) || payload.ContainsAnyInRange((byte)14, (byte)31))
        {
            return Reject(IngestTeks.Binary);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return Reject(IngestTeks.NotJson);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Reject(IngestTeks.NotContract(null));
            }

            var version = root.TryGetProperty("contractVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (!ContractVersion.IsSupported(version))
            {
                return Reject(IngestTeks.UnknownVersion(version));
            }

            try
            {
                return site.Kind == DistrictSubjectKind.Events
                    ? ReadEvent(subject, streamSequence, site.Site, root, Reject)
                    : ReadStatus(subject, streamSequence, site, root, Reject);
            }
            catch (JsonException ex)
            {
                return Reject(IngestTeks.NotContract(ex.Path));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
            {
                return Reject(IngestTeks.NotContract(null));
            }
        }
    }

    private static IngestItem ReadEvent(string subject, ulong streamSequence, string site, JsonElement root, Func<string, IngestRejected> reject)
    {
        var envelope = root.Deserialize(ContractJson.TypeInfo<EventEnvelope>()) ?? throw new JsonException(null, "$", null, null);
        if (envelope.Site != site)
        {
            return reject(IngestTeks.ForgedSite(envelope.Site, site));
        }

        if (envelope.Sequence < 1)
        {
            throw new JsonException(null, "$.sequence", null, null);
        }

        if (string.IsNullOrWhiteSpace(envelope.Type) || envelope.Type.Length > 100 || envelope.EventId == Guid.Empty)
        {
            throw new JsonException(null, string.IsNullOrWhiteSpace(envelope.Type) || envelope.Type.Length > 100 ? "$.type" : "$.eventId", null, null);
        }

        var data = envelope.Data is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element ? element : (JsonElement?)null;
        if (data is null)
        {
            // The kiosk's stored copy was damaged: the event keeps its place in the log, no projection changes.
            return new IngestEvent(subject, streamSequence, envelope, null, null, null, null);
        }

        TicketData? ticket = null;
        DayRecapData? recap = null;
        DateOnly? day = null;
        try
        {
            var kind = EventTypes.DataKind(envelope.Type);
            if (kind == typeof(TicketData))
            {
                ticket = envelope.ReadData<TicketData>();
                day = ticket.BusinessDay;
            }
            else if (kind == typeof(DayRecapData))
            {
                recap = envelope.ReadData<DayRecapData>();
                if (recap.Site != site)
                {
                    return reject(IngestTeks.ForgedSite(recap.Site, site));
                }

                day = recap.BusinessDay;
            }
            else if (kind == typeof(DayData))
            {
                day = envelope.ReadData<DayData>().BusinessDay;
            }
            else if (kind == typeof(CounterData))
            {
                _ = envelope.ReadData<CounterData>();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            return reject(IngestTeks.BadData(envelope.Type));
        }

        return new IngestEvent(subject, streamSequence, envelope, data.Value.GetRawText(), day, ticket, recap);
    }

    private static IngestItem ReadStatus(string subject, ulong streamSequence, DistrictSubject site, JsonElement root, Func<string, IngestRejected> reject)
    {
        var status = root.Deserialize(ContractJson.TypeInfo<KioskStatus>()) ?? throw new JsonException(null, "$", null, null);
        if (status.KioskId != site.KioskId)
        {
            return reject(IngestTeks.ForgedKiosk(status.KioskId, site.KioskId!));
        }

        ArgumentNullException.ThrowIfNull(status.Message);
        return new IngestStatus(subject, streamSequence, site.Site, status);
    }
}
