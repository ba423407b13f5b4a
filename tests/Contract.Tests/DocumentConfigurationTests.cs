using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Contract.Tests;

/// <summary>
/// Every example of docs/asyncapi.yaml and every golden sample can be followed literally against the sample
/// configuration (KioskDevice/appsettings.json): its service, poli and counter codes exist, numbers carry their
/// service's prefix, names are the configured names. An example with poli <c>GIGI</c> where the configuration says
/// <c>P-GIGI</c> once sent a client author to <c>unknown-poli</c>.
/// </summary>
public sealed class DocumentConfigurationTests
{
    private static readonly SampleConfiguration Config = SampleConfiguration.Load();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var (name, message) in ContractDocument.Load().Document["components"]!["messages"]!.AsObject())
        {
            foreach (var example in message!["examples"]!.AsArray())
            {
                data.Add($"{name}/{example!["name"]!.GetValue<string>()}");
            }
        }

        return data;
    }

    public static TheoryData<string> GoldenSamples => [.. Samples.All.Keys];

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_document_example_uses_only_codes_of_the_sample_configuration(string example)
    {
        var (message, name) = (example.Split('/')[0], example.Split('/')[1]);
        var payload = ContractDocument.Load().Document["components"]!["messages"]![message]!["examples"]!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == name)!["payload"];

        var problems = Config.Check(payload);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(GoldenSamples))]
    public void A_golden_sample_uses_only_codes_of_the_sample_configuration(string sample)
    {
        var problems = Config.Check(JsonNode.Parse(Samples.All[sample].Bytes));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_channel_parameter_examples_are_of_the_sample_configuration()
    {
        var parameters = ContractDocument.Load().Document["components"]!["parameters"]!;

        Assert.Equal([Config.SiteId], Values("site"));
        Assert.Equal([Config.KioskName], Values("kioskId"));
        Assert.All(Values("counter"), c => Assert.Contains(c, Config.CounterTable.Keys));

        IEnumerable<string> Values(string parameter) => parameters[parameter]!["examples"]!.AsArray().Select(v => v!.GetValue<string>());
    }

    [Fact]
    public void The_problems_the_check_finds_are_real()
    {
        var transfer = JsonNode.Parse("""{"type":"transfer","poli":"GIGI","counterId":"9","serviceCode":"UMUM","number":"B-001"}""");

        var problems = Config.Check(transfer);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("GIGI", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("counterId '9'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("B-001", StringComparison.Ordinal));
    }

    [Fact]
    public void The_loket_session_values_of_the_document_are_those_of_the_sample_configurations()
    {
        var session = ContractDocument.Load().Document["servers"]!["site"]!["x-counter-session"]!;
        using var screens = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "Screens", "screens.json")));

        Assert.Equal(screens.RootElement.GetProperty("Screens").GetProperty("KeepAliveSeconds").GetInt32(), Number(session["keepAliveSeconds"]));
        Assert.Equal(Number(Config.QueueSection["MaxCallsBeforeNoShow"]), Number(session["maxCallsBeforeNoShow"]));
        Assert.Equal(Number(Config.QueueSection["RetentionDays"]), Number(session["storedReplyDays"]));
        Assert.Equal(Kiosk.Contract.Topics.ClientIds.KioskPrefix, session["clientIdPrefixRefused"]!.GetValue<string>());
        Assert.True(Number(session["commandGiveUpSeconds"]) < Number(session["clockSkewLimitSeconds"]),
            "a loket must give up before the kiosk would refuse its command for its age");
    }

    [Fact]
    public void The_document_version_is_the_contract_version()
    {
        var version = ContractDocument.Load().Document["info"]!["version"]!.GetValue<string>();

        Assert.StartsWith(ContractVersion.Current + ".", version, StringComparison.Ordinal);
    }

    /// <summary>A number of the document or a configuration, whichever numeric type its reader gave it.</summary>
    private static double Number(JsonNode? node) =>
        double.Parse(node?.ToJsonString() ?? throw new InvalidDataException("number missing"), CultureInfo.InvariantCulture);

    private sealed record ConfiguredQueue(string Code, string Prefix, string Name, bool IsPoli, TimeSpan SopTarget);

    private sealed class SampleConfiguration
    {
        public required string SiteId { get; init; }

        public required string KioskName { get; init; }

        public required JsonNode QueueSection { get; init; }

        public required Dictionary<string, ConfiguredQueue> Queues { get; init; }

        /// <summary>Counter id → (name, services).</summary>
        public required Dictionary<string, (string Name, List<string> Services)> CounterTable { get; init; }

        public static SampleConfiguration Load()
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, "KioskDevice", "appsettings.json"));
            var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
            var queue = root["Queue"]!;
            var queues = queue["Services"]!.AsArray().Select(q => Read(q!, isPoli: false))
                .Concat(queue["Polis"]!.AsArray().Select(q => Read(q!, isPoli: true)))
                .ToDictionary(q => q.Code, StringComparer.Ordinal);
            return new SampleConfiguration
            {
                SiteId = root["Kiosk"]!["Site"]!["Id"]!.GetValue<string>(),
                KioskName = root["Kiosk"]!["Mqtt"]!["KioskId"]!.GetValue<string>(),
                QueueSection = queue,
                Queues = queues,
                CounterTable = queue["Counters"]!.AsArray().ToDictionary(
                    c => c!["Id"]!.GetValue<string>(),
                    c => (c!["Name"]!.GetValue<string>(), c["Services"]!.AsArray().Select(s => s!.GetValue<string>()).ToList()),
                    StringComparer.Ordinal),
            };

            static ConfiguredQueue Read(JsonNode q, bool isPoli) => new(q["Code"]!.GetValue<string>(), q["Prefix"]!.GetValue<string>(),
                q["Name"]!.GetValue<string>(), isPoli, TimeSpan.Parse(q["SopTarget"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }

        /// <summary>Every place in <paramref name="payload"/> that names a site, kiosk, service, poli or counter, checked.</summary>
        public List<string> Check(JsonNode? payload)
        {
            var problems = new List<string>();
            Walk(payload, "$");
            return problems;

            void Walk(JsonNode? node, string path)
            {
                if (node is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}[{i}]");
                    }
                }
                else if (node is JsonObject obj)
                {
                    CheckObject(obj, path);
                    foreach (var (key, child) in obj)
                    {
                        Walk(child, $"{path}.{key}");
                    }
                }
            }

            void CheckObject(JsonObject obj, string path)
            {
                var service = Text(obj, "serviceCode");
                Expect(service is null || Queues.ContainsKey(service), $"{path}: serviceCode '{service}' is not configured");
                var serviceOrPoli = Text(obj, "service");
                Expect(serviceOrPoli is null || Queues.ContainsKey(serviceOrPoli), $"{path}: service '{serviceOrPoli}' is not configured");
                var poli = Text(obj, "poli");
                Expect(poli is null || Queues.GetValueOrDefault(poli) is { IsPoli: true }, $"{path}: poli '{poli}' is not a configured poli code");
                var site = Text(obj, "site");
                Expect(site is null || site == SiteId, $"{path}: site '{site}' is not {SiteId}");
                var kiosk = Text(obj, "kioskId");
                Expect(kiosk is null || kiosk == KioskName, $"{path}: kioskId '{kiosk}' is not {KioskName}");

                var counterId = Text(obj, "counterId");
                Expect(counterId is null || CounterTable.ContainsKey(counterId), $"{path}: counterId '{counterId}' is not a configured counter");
                if (counterId is not null && CounterTable.TryGetValue(counterId, out var counter))
                {
                    var counterName = obj.ContainsKey("paused") ? Text(obj, "name") : null;
                    Expect(counterName is null || counterName == counter.Name, $"{path}: counter {counterId} is named '{counter.Name}', not '{counterName}'");
                    if (obj["services"] is JsonArray services && services.All(s => s is JsonValue))
                    {
                        var listed = services.Select(s => s!.GetValue<string>()).ToList();
                        Expect(listed.SequenceEqual(counter.Services), $"{path}: counter {counterId} serves {string.Join(", ", counter.Services)}, not {string.Join(", ", listed)}");
                    }
                }

                if (service is null || !Queues.TryGetValue(service, out var queue))
                {
                    return;
                }

                foreach (var number in new[] { Text(obj, "number"), Text(obj, "lastNumber") }
                    .Concat((obj["waiting"] as JsonArray ?? []).Select(w => w?["number"]?.GetValue<string>())))
                {
                    Expect(number is null || number.StartsWith(queue.Prefix + "-", StringComparison.Ordinal), $"{path}: number {number} is not of {service} (prefix {queue.Prefix})");
                }

                var name = obj.ContainsKey("isPoli") ? Text(obj, "name") : null;
                Expect(name is null || name == queue.Name, $"{path}: {service} is named '{queue.Name}', not '{name}'");
                Expect(!obj.ContainsKey("isPoli") || obj["isPoli"]!.GetValue<bool>() == queue.IsPoli, $"{path}: {service} isPoli is {queue.IsPoli}");
                Expect(obj["sopTargetSeconds"] is not { } sop || Number(sop) == queue.SopTarget.TotalSeconds,
                    $"{path}: {service} SOP target is {queue.SopTarget.TotalSeconds} s");
            }

            void Expect(bool condition, string problem)
            {
                if (!condition)
                {
                    problems.Add(problem);
                }
            }
        }

        private static string? Text(JsonObject obj, string key) =>
            obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
