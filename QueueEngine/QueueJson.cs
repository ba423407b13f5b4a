using System.Text.Json;

namespace Kiosk.Queue;

/// <summary>
/// The JSON of stored command answers inside the ticket log (storage, never the wire: wire payloads use
/// <see cref="Kiosk.Contract.Json.ContractJson"/>).
/// </summary>
public static class QueueJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
