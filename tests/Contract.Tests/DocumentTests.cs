using System.Text.Json;
using Json.Schema;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Contract.Tests;

public sealed class DocumentTests
{
    [Fact]
    public void The_document_is_valid_AsyncAPI_3_0_against_the_official_schema()
    {
        var schemaFile = Path.Combine(AppContext.BaseDirectory, "AsyncApi", "asyncapi-3.0.0.schema.json");
        var official = JsonSchema.FromText(File.ReadAllText(schemaFile), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var document = JsonSerializer.SerializeToElement(ContractDocument.Load().Document);

        var result = official.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20);
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void Every_example_in_the_document_follows_its_message_schema()
    {
        var contract = ContractDocument.Load();
        var messages = contract.Document["components"]!["messages"]!.AsObject();
        var checkedExamples = 0;
        foreach (var (name, message) in messages)
        {
            var reference = message!["payload"]!["schema"]!["$ref"]?.GetValue<string>();
            foreach (var example in message["examples"]!.AsArray())
            {
                var payload = JsonSerializer.SerializeToElement(example!["payload"]);
                var errors = reference is null ? [] : contract.Validate(reference.Split('/')[^1], payload);
                Assert.True(errors.Count == 0, $"{name}/{example["name"]}: {string.Join("; ", errors)}");
                checkedExamples++;
            }
        }

        Assert.True(checkedExamples >= 12, $"only {checkedExamples} examples");
    }

    [Fact]
    public void Enums_in_the_code_and_in_the_document_are_the_same_kebab_case_lists()
    {
        var schemas = ContractDocument.Load().Document["components"]!["schemas"]!;
        AssertSame<TicketState>("TicketState");
        AssertSame<PrintState>("PrintState");
        AssertSame<PatientCategory>("PatientCategory");
        AssertSame<Payer>("Payer");
        AssertSame<PriorityKind>("PriorityKind");
        AssertSame<CardKind>("CardKind");
        AssertSame<PrinterCondition>("PrinterCondition");
        AssertSame<CommandType>("CommandType");
        AssertSame<ErrorCode>("ErrorCode");
        Assert.Equal(EventTypes.All, schemas["EventType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));

        void AssertSame<T>(string schema) where T : struct, Enum
        {
            var code = Enum.GetValues<T>().Select(v => JsonSerializer.Serialize(v, ContractJson.Options).Trim('"')).ToList();
            Assert.Equal(code, schemas[schema]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("ticketId", "id")]
    [InlineData("\"state\":\"called\"", "\"state\":\"Called\"")]
    [InlineData("+07:00", "Z")]
    [InlineData("\"queuePosition\":null", "\"queuePosition\":null,\"queueKey\":3.5")]
    [InlineData("\"contractVersion\":\"1.1\",", "")]
    public void A_deliberately_broken_payload_fails_validation(string from, string to)
    {
        var (schema, bytes) = Samples.All["event-ticket-called"];
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains(from, text, StringComparison.Ordinal);

        var broken = JsonDocument.Parse(text.Replace(from, to, StringComparison.Ordinal)).RootElement;

        Assert.NotEmpty(ContractDocument.Load().Validate(schema, broken));
    }

    [Fact]
    public void Contract_versions_of_the_same_major_are_read_and_others_refused()
    {
        Assert.True(ContractVersion.IsSupported("1.0"));
        Assert.True(ContractVersion.IsSupported("1.12"));
        Assert.True(ContractVersion.IsSupported("1"));
        Assert.False(ContractVersion.IsSupported("2.0"));
        Assert.False(ContractVersion.IsSupported("1.x"));
        Assert.False(ContractVersion.IsSupported(null));
    }

    [Fact]
    public void A_newer_minor_version_with_unknown_members_is_read()
    {
        var json = """{"contractVersion":"1.3","commandId":"c-1","type":"call-next","colour":"blue"}"""u8;

        Assert.True(CommandReader.TryRead(json, out var command, out _));
        Assert.Equal(CommandType.CallNext, command.Type);
    }
}
