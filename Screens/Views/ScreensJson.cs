using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiosk.Screens.Views;

/// <summary>JSON between this host and its pages (not the MQTT wire): camelCase, readable Indonesian text.</summary>
public static class ScreensJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
