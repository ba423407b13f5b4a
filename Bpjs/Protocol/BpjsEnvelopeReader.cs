using System.Globalization;
using System.Text.Json;

namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// Reads any bytes as a BPJS answer. Total: every input gives an envelope, readable or with the reason it is not;
/// nothing throws (the bytes come from the internet).
/// </summary>
public static class BpjsEnvelopeReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static BpjsEnvelope Read(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            return BpjsEnvelope.Unreadable("the answer is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return BpjsEnvelope.Unreadable("the answer is not JSON");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // Bytes that are not UTF-8 inside a string, or a lone surrogate escape ("\ud800"): the parser lets
                // them through and GetString refuses them.
                return BpjsEnvelope.Unreadable("the answer has text that is not valid Unicode");
            }
        }
    }

    private static BpjsEnvelope Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return BpjsEnvelope.Unreadable("the answer is not a JSON object");
        }

        JsonElement? metadata = null;
        string? encrypted = null;
        string? plain = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("metadata") || property.NameEquals("metaData"))
            {
                metadata = property.Value;
            }
            else if (property.NameEquals("response"))
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        encrypted = property.Value.GetString();
                        break;
                    case JsonValueKind.Object or JsonValueKind.Array:
                        plain = property.Value.GetRawText();
                        break;
                }
            }
        }

        if (metadata is not { ValueKind: JsonValueKind.Object } meta)
        {
            return BpjsEnvelope.Unreadable("the answer has no metadata object");
        }

        var code = ReadCode(meta);
        if (code is null)
        {
            return BpjsEnvelope.Unreadable("the answer's metadata has no numeric code");
        }

        var message = meta.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : string.Empty;
        return new BpjsEnvelope(code, message, encrypted, plain, string.Empty);
    }

    private static int? ReadCode(JsonElement meta)
    {
        if (!meta.TryGetProperty("code", out var code))
        {
            return null;
        }

        return code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }
}
