using System.Globalization;
using System.Text.Json;

namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// Reads the decrypted payload of the reference calls: <c>{"list":[…]}</c> as the catalogue shows it, or a bare array.
/// Numbers sent as strings are read as numbers. Total: a list, or null with the reason.
/// </summary>
public static class ReferensiReader
{
    public static IReadOnlyList<ReferensiPoli>? ReadPoli(string json, out string problem) =>
        ReadList(json, ReadPoli, out problem);

    public static IReadOnlyList<ReferensiDokter>? ReadDokter(string json, out string problem) =>
        ReadList(json, ReadDokter, out problem);

    private static List<T>? ReadList<T>(string json, Func<JsonElement, T?> readItem, out string problem)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: a lone surrogate (LZ-string carries UTF-16 units) has no UTF-8 form to parse.
            problem = "the payload is not JSON";
            return null;
        }

        using (document)
        {
            try
            {
                return ReadItems(document.RootElement, readItem, out problem);
            }
            catch (InvalidOperationException)
            {
                // A "\ud800" escape: valid JSON, but no .NET string; GetString and NameEquals refuse it.
                problem = "the payload has text that is not Unicode";
                return null;
            }
        }
    }

    private static List<T>? ReadItems<T>(JsonElement list, Func<JsonElement, T?> readItem, out string problem)
        where T : class
    {
        if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("list", out var inner))
        {
            list = inner;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problem = "the payload has no list";
            return null;
        }

        var items = new List<T>();
        foreach (var element in list.EnumerateArray())
        {
            if (readItem(element) is not { } item)
            {
                problem = $"entry {items.Count + 1} of the list is incomplete";
                return null;
            }

            items.Add(item);
        }

        problem = string.Empty;
        return items;
    }

    private static ReferensiPoli? ReadPoli(JsonElement e) =>
        Text(e, "kodepoli") is { Length: > 0 } kode && Text(e, "namapoli") is { } nama
            ? new ReferensiPoli { KodePoli = kode, NamaPoli = nama, KdSubspesialis = Text(e, "kdsubspesialis"), NmSubspesialis = Text(e, "nmsubspesialis") }
            : null;

    private static ReferensiDokter? ReadDokter(JsonElement e) =>
        Number(e, "kodedokter") is { } kode && Text(e, "namadokter") is { } nama && Text(e, "jampraktek") is { } jam
            ? new ReferensiDokter { KodeDokter = kode, NamaDokter = nama, JamPraktek = jam, Kapasitas = Number(e, "kapasitas") }
            : null;

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Number(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }
}
