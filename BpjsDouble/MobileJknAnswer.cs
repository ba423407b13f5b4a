using System.Text.Json;

namespace Kiosk.Bpjs.Doubles;

/// <summary>
/// What the FKTP service answered one of <see cref="MobileJknCaller"/>'s calls, read as BPJS reads it:
/// <c>metadata.code</c> and <c>metadata.message</c>, and <c>response</c> when there is one. <see cref="Code"/> is null when
/// the answer is not in BPJS's shape at all.
/// </summary>
public sealed record MobileJknAnswer(string Call, int HttpStatus, int? Code, string? Message, JsonElement? Response, string Raw)
{
    public bool IsOk => Code == 200;

    /// <summary>A text member of <see cref="Response"/> (the object, or the first item of a list); null when absent.</summary>
    public string? Text(string name) => Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A number member of <see cref="Response"/>; null when absent or not a whole number.</summary>
    public long? Number(string name) => Member(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n) ? n : null;

    internal static MobileJknAnswer Read(string call, int status, string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number)
                && metadata.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                JsonElement? response = root.TryGetProperty("response", out var r) ? r.Clone() : null;
                return new MobileJknAnswer(call, status, number, message.GetString(), response, raw);
            }
        }
        catch (JsonException)
        {
            // Not BPJS's shape: Code stays null and the test says so.
        }

        return new MobileJknAnswer(call, status, null, null, null, raw);
    }

    private JsonElement? Member(string name)
    {
        var item = Response is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 ? list[0] : Response;
        return item is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;
    }
}
