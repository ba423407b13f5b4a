using System.Text.Json;
using System.Text.Json.Serialization;
using Kiosk.Queue.Results;

namespace Kiosk.Queue;

/// <summary>Source-generated metadata of what the ticket log stores as JSON; the settings are in <see cref="QueueJson.Options"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CommandResult))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
