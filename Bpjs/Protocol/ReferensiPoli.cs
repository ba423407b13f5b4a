using System.Text.Json.Serialization;

namespace Kiosk.Bpjs.Protocol;

/// <summary>One entry of <c>ref/poli/tanggal/{yyyy-MM-dd}</c>.</summary>
public sealed record ReferensiPoli
{
    [JsonPropertyName("kodepoli")] public required string KodePoli { get; init; }
    [JsonPropertyName("namapoli")] public required string NamaPoli { get; init; }
    [JsonPropertyName("kdsubspesialis")] public string? KdSubspesialis { get; init; }
    [JsonPropertyName("nmsubspesialis")] public string? NmSubspesialis { get; init; }
}
