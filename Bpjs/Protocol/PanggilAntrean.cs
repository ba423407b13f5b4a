using System.Text.Json.Serialization;

namespace Kiosk.Bpjs.Protocol;

/// <summary>The body of Antrean FKTP <c>antrean/panggil</c>.</summary>
public sealed record PanggilAntrean
{
    /// <summary>yyyy-MM-dd.</summary>
    [JsonPropertyName("tanggalperiksa")] public required string TanggalPeriksa { get; init; }
    [JsonPropertyName("kodepoli")] public required string KodePoli { get; init; }
    [JsonPropertyName("nomorkartu")] public required string NomorKartu { get; init; }
    /// <summary>1 = hadir (served), 2 = tidak hadir (no-show).</summary>
    [JsonPropertyName("status")] public required int Status { get; init; }
    /// <summary>When it happened, Unix milliseconds.</summary>
    [JsonPropertyName("waktu")] public required long Waktu { get; init; }
}
