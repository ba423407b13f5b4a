using System.Text.Json.Serialization;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// Every type the bridge hands to <see cref="System.Text.Json.JsonSerializer"/>, generated at build time so the bridge
/// runs trimmed and Native AOT (issue 25) with no reflection: the request bodies (as sent to BPJS and as kept in the
/// outbox) and the day's poli and doctor lists kept in the outbox's file. The default settings, as the reflection
/// serializer had them, so what the outbox already holds reads back the same.
/// </summary>
[JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TambahAntrean))]
[JsonSerializable(typeof(PanggilAntrean))]
[JsonSerializable(typeof(BatalAntrean))]
[JsonSerializable(typeof(IReadOnlyList<ReferensiPoli>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<ReferensiDokter>>))]
[JsonSerializable(typeof(List<ReferensiPoli>))]
[JsonSerializable(typeof(Dictionary<string, List<ReferensiDokter>>))]
internal sealed partial class BpjsJsonContext : JsonSerializerContext;
