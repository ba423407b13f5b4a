using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kiosk.Contract.Json;

/// <summary>
/// The one serializer setting for wire payloads (docs/asyncapi.yaml, "Rules"). Nothing else in the repository may
/// serialize a payload for the broker.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>
    /// The same setting for reading what another process sent: a null where the contract's types say never is refused
    /// (Kiosk.Contract.Reading.WireReader). Writing keeps <see cref="Options"/>.
    /// </summary>
    public static JsonSerializerOptions StrictReadOptions { get; } = CreateStrictReadOptions();

    public static JsonTypeInfo<T> StrictTypeInfo<T>() => (JsonTypeInfo<T>)StrictReadOptions.GetTypeInfo(typeof(T));

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>A payload whose type is known only at run time (an event's data), through the same source-generated metadata.</summary>
    public static string Serialize(object value, Type type) => JsonSerializer.Serialize(value, Options.GetTypeInfo(type));

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) where T : class =>
        JsonSerializer.Deserialize(utf8, TypeInfo<T>()) ?? throw new JsonException($"empty {typeof(T).Name} payload");

    public static T Deserialize<T>(string json) where T : class =>
        JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"empty {typeof(T).Name} payload");

    private static JsonSerializerOptions CreateStrictReadOptions()
    {
        var options = new JsonSerializerOptions(CreateOptions()) { RespectNullableAnnotations = true };
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ContractJsonContext.Default.Options)
        {
            // Names and messages are Bahasa Indonesia; keep them readable on the wire instead of \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = ContractJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
