using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiosk.Queue;

/// <summary>
/// The JSON of stored command answers inside the ticket log (storage, never the wire: wire payloads use
/// <see cref="Kiosk.Contract.Json.ContractJson"/>).
/// </summary>
public static class QueueJson
{
    // Enums as their member names ("IbuHamil", "NoShow"), as stored since schema 1: this converter outranks the
    // contract's kebab-case attribute on its enums, so stored answers keep one spelling and old rows still read.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false, Converters = { new JsonStringEnumConverter() } };
}
