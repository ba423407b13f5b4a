using System.Text.Json.Serialization;

namespace Kiosk.Bpjs.Protocol;

/// <summary>The body of Antrean FKTP <c>antrean/batal</c>.</summary>
public sealed record BatalAntrean
{
    /// <summary>yyyy-MM-dd.</summary>
    [JsonPropertyName("tanggalperiksa")] public required string TanggalPeriksa { get; init; }
    [JsonPropertyName("kodepoli")] public required string KodePoli { get; init; }
    [JsonPropertyName("nomorkartu")] public required string NomorKartu { get; init; }
    [JsonPropertyName("alasan")] public required string Alasan { get; init; }
}
