using System.Text.Json.Serialization;

namespace Kiosk.Bpjs.Protocol;

/// <summary>One entry of <c>ref/dokter/kodepoli/{kode}/tanggal/{yyyy-MM-dd}</c>.</summary>
public sealed record ReferensiDokter
{
    [JsonPropertyName("kodedokter")] public required int KodeDokter { get; init; }
    [JsonPropertyName("namadokter")] public required string NamaDokter { get; init; }
    /// <summary>HH:mm-HH:mm.</summary>
    [JsonPropertyName("jampraktek")] public required string JamPraktek { get; init; }
    [JsonPropertyName("kapasitas")] public int? Kapasitas { get; init; }
}
