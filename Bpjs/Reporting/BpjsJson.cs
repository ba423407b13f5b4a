using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// The one serializer setting of the request bodies the outbox keeps: BPJS's own field names come from the records'
/// attributes, so this only fixes that the stored text is compact and reads back into the same record.
/// </summary>
internal static class BpjsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectRequiredConstructorParameters = true,
    };

    public static string Write<T>(T body) => JsonSerializer.Serialize(body, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty {typeof(T).Name} body");

    /// <summary>The body as sent: the stored one with the patient's card put in.</summary>
    public static object WithCard(ReportKind kind, string body, JknCard card) => kind switch
    {
        ReportKind.Tambah => Read<TambahAntrean>(body) with { NomorKartu = card.NomorKartu, Nik = card.Nik },
        ReportKind.Panggil => Read<PanggilAntrean>(body) with { NomorKartu = card.NomorKartu },
        ReportKind.Batal => Read<BatalAntrean>(body) with { NomorKartu = card.NomorKartu },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a report kind"),
    };
}
