using System.Text.Json.Serialization;

namespace Kiosk.Bpjs.Protocol;

/// <summary>The body of Antrean FKTP <c>antrean/add</c>, field names as BPJS publishes them.</summary>
public sealed record TambahAntrean
{
    [JsonPropertyName("nomorkartu")] public required string NomorKartu { get; init; }
    [JsonPropertyName("nik")] public required string Nik { get; init; }
    [JsonPropertyName("nohp")] public required string NoHp { get; init; }
    [JsonPropertyName("kodepoli")] public required string KodePoli { get; init; }
    [JsonPropertyName("namapoli")] public required string NamaPoli { get; init; }
    [JsonPropertyName("norm")] public required string NoRm { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    [JsonPropertyName("tanggalperiksa")] public required string TanggalPeriksa { get; init; }
    [JsonPropertyName("kodedokter")] public required int KodeDokter { get; init; }
    [JsonPropertyName("namadokter")] public required string NamaDokter { get; init; }
    /// <summary>HH:mm-HH:mm.</summary>
    [JsonPropertyName("jampraktek")] public required string JamPraktek { get; init; }
    /// <summary>The printed number, e.g. <c>A-012</c>.</summary>
    [JsonPropertyName("nomorantrean")] public required string NomorAntrean { get; init; }
    /// <summary>Its number part, e.g. 12.</summary>
    [JsonPropertyName("angkaantrean")] public required int AngkaAntrean { get; init; }
    [JsonPropertyName("keterangan")] public required string Keterangan { get; init; }
}
