using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiosk.Screens.Views;

/// <summary>JSON between this host and its pages (not the MQTT wire): camelCase, readable Indonesian text.</summary>
public static class ScreensJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // A page never sends a key twice; a body that does is refused rather than read as "the last one wins".
        AllowDuplicateProperties = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
