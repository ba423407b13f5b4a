using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Contract.Tests;

/// <summary>
/// A golden sample per message type: the exact bytes the contract types write. An accidental rename, a new member or
/// a changed spelling fails here (and in the schema check). After a deliberate contract change, regenerate with
/// <c>UPDATE_GOLDEN=1 dotnet test tests/Contract.Tests</c> and review the diff.
/// </summary>
public sealed class GoldenSampleTests
{
    public static TheoryData<string> Names => [.. Samples.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_wire_bytes_match_the_golden_sample(string name)
    {
        var bytes = Encoding.UTF8.GetString(Samples.All[name].Bytes);
        var source = Path.Combine(Repository.Root, "tests", "Contract.Tests", "Golden", name + ".json");
        var pretty = JsonNode.Parse(bytes)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, pretty);
        }

        Assert.True(File.Exists(source), $"no golden sample {source}; run with UPDATE_GOLDEN=1 once");
        Assert.Equal(File.ReadAllText(source), pretty);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_golden_sample_follows_its_schema(string name)
    {
        var (schema, bytes) = Samples.All[name];

        Assert.Empty(ContractDocument.Load().Validate(schema, Samples.Element(bytes)));
    }

    [Fact]
    public void Every_payload_schema_of_the_document_is_exercised_by_a_sample()
    {
        var covered = Samples.All.Values.Select(v => v.Schema).Append("DisplayText").ToHashSet(StringComparer.Ordinal);
        var messages = ContractDocument.Load().Document["components"]!["messages"]!.AsObject();
        var payloadSchemas = messages.Select(m => m.Value!["payload"]!["schema"]!["$ref"]?.GetValue<string>())
            .Where(r => r is not null).Select(r => r!.Split('/')[^1]).ToList();

        Assert.All(payloadSchemas, s => Assert.Contains(s, covered));
    }
}
