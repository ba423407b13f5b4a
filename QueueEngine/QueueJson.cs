using System.Text.Json;

namespace Kiosk.Queue;

/// <summary>The one JSON shape for events, snapshots and stored command answers: camelCase, enums as names.</summary>
public static class QueueJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
