using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// The one serializer setting of the request bodies the outbox keeps: BPJS's own field names come from the records'
/// attributes, so this only fixes that the stored text is compact and reads back into the same record. The type
/// information is <see cref="BpjsJsonContext"/>'s, generated at build time (no reflection: trimmed and Native AOT).
/// </summary>
internal static class BpjsJson
{
    public static string Write(TambahAntrean body) => JsonSerializer.Serialize(body, BpjsJsonContext.Default.TambahAntrean);

    public static string Write(PanggilAntrean body) => JsonSerializer.Serialize(body, BpjsJsonContext.Default.PanggilAntrean);

    public static string Write(BatalAntrean body) => JsonSerializer.Serialize(body, BpjsJsonContext.Default.BatalAntrean);

    public static T Read<T>(string json, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"empty {typeof(T).Name} body");

    /// <summary>The body as sent: the stored one with the patient's card put in.</summary>
    public static object WithCard(ReportKind kind, string body, JknCard card) => kind switch
    {
        ReportKind.Tambah => Read(body, BpjsJsonContext.Default.TambahAntrean) with { NomorKartu = card.NomorKartu, Nik = card.Nik },
        ReportKind.Panggil => Read(body, BpjsJsonContext.Default.PanggilAntrean) with { NomorKartu = card.NomorKartu },
        ReportKind.Batal => Read(body, BpjsJsonContext.Default.BatalAntrean) with { NomorKartu = card.NomorKartu },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a report kind"),
    };
}
