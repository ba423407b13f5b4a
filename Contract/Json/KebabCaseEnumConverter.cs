using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiosk.Contract.Json;

/// <summary>Enums as kebab-case strings, both ways; numbers are refused so a typo cannot slip through as 0.</summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
