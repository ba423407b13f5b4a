using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Kiosk.Contract.Events;
using Kiosk.Contract.Topics;

namespace Kiosk.TestSupport.Contract;

/// <summary>
/// docs/asyncapi.yaml, read once: validates payloads against the JSON Schemas of its messages with JsonSchema.Net, so a
/// test fails when the code and the document drift. Formats (date-time, uuid) are asserted, not just annotated.
/// </summary>
public sealed class ContractDocument
{
    private static readonly Lazy<ContractDocument> Shared = new(() => new ContractDocument(File.ReadAllText(FindDocument())));
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly string _defs;

    public ContractDocument(string yaml)
    {
        Document = YamlJson.Read(yaml) ?? throw new InvalidDataException("empty AsyncAPI document");
        var schemas = Document["components"]?["schemas"] ?? throw new InvalidDataException("no components.schemas");
        _defs = schemas.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
    }

    public static ContractDocument Load() => Shared.Value;

    /// <summary>The whole document as JSON.</summary>
    public JsonNode Document { get; }

    public static string FindDocument() => Repository.Path("docs", "asyncapi.yaml");

    /// <summary>The schema of components.schemas.{name}, with every reference inside the document resolved.</summary>
    public JsonSchema Schema(string name)
    {
        lock (_gate)
        {
            if (!_schemas.TryGetValue(name, out var schema))
            {
                var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:kiosk:contract:{{name}}","$defs":{{_defs}},"$ref":"#/$defs/{{name}}"}""";
                schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
                _schemas[name] = schema;
            }

            return schema;
        }
    }

    /// <summary>Errors of <paramref name="payload"/> against a named schema; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string schemaName, JsonElement payload)
    {
        var result = Schema(schemaName).Evaluate(payload, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}"))
            .Distinct()
            .ToList();
        return errors.Count == 0 ? ["invalid (no detail)"] : errors;
    }

    /// <summary>
    /// The schema a message on <paramref name="topic"/> must follow, by its channel (and, for events, its type);
    /// null for a topic outside the contract.
    /// </summary>
    public static string? SchemaFor(SiteTopics topics, string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return topics.Classify(topic, out _) switch
        {
            TopicKind.Events => EventSchema(payload),
            TopicKind.State => "StateSnapshot",
            TopicKind.KioskStatus => "KioskStatus",
            TopicKind.Command => "CounterCommand",
            TopicKind.Reply => "CounterReply",
            TopicKind.Display => "DisplayText",
            TopicKind.BpjsRequest => "BpjsRequest",
            TopicKind.BpjsReply => "BpjsReply",
            _ => null,
        };
    }

    /// <summary>Validates one message as it was seen on the broker; a violation names the topic and the failing places.</summary>
    public IReadOnlyList<string> ValidateMessage(SiteTopics topics, string topic, ReadOnlySpan<byte> payload)
    {
        var schema = SchemaFor(topics, topic, payload);
        if (schema is null)
        {
            return [$"{topic}: topic is not in docs/asyncapi.yaml"];
        }

        JsonElement element;
        if (schema == "DisplayText")
        {
            // Plain text, not JSON: validated as the string it is.
            element = JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(payload));
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(payload.ToArray());
                element = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return [$"{topic}: not JSON ({ex.Message})"];
            }
        }

        return [.. Validate(schema, element).Select(e => $"{topic} [{schema}] {e}")];
    }

    private static string EventSchema(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var type = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            return type switch
            {
                EventTypes.DayOpened or EventTypes.DayClosed => "DayEvent",
                EventTypes.DayRecap => "DayRecapEvent",
                EventTypes.CounterPaused or EventTypes.CounterResumed => "CounterEvent",
                not null when type.StartsWith("ticket.", StringComparison.Ordinal) => "TicketEvent",
                _ => "EventEnvelope",
            };
        }
        catch (JsonException)
        {
            return "EventEnvelope";
        }
    }
}
