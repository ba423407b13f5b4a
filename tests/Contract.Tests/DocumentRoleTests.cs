using System.Text.Json.Nodes;
using Kiosk.Broker;
using Kiosk.Contract.Topics;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Contract.Tests;

/// <summary>
/// The per-role operations of docs/asyncapi.yaml (each operation's tags name the broker users that do it) and the role
/// table the broker's ACL and the district bridge are generated from (<see cref="BrokerRights"/>) say the same.
/// </summary>
public sealed class DocumentRoleTests
{
    /// <summary>The tag of what Mosquitto itself publishes (its bridge notifications): no broker user.</summary>
    private const string BrokerItself = "broker";

    /// <summary>The tag of what every counter user (<c>counter-1</c>..<c>counter-N</c>) does on its own topics.</summary>
    private const string CounterTag = "counter-N";

    private static readonly SiteTopics Topics = new("pkm-kokop");

    [Fact]
    public void Every_operation_of_a_role_is_allowed_by_its_broker_rights()
    {
        var problems = new List<string>();
        foreach (var operation in Operations())
        {
            foreach (var role in operation.Roles.Where(r => r != BrokerItself))
            {
                var grants = BrokerRights.For(role == CounterTag ? BrokerRoles.Counter(1) : role);
                var allowed = grants.Any(g => g.Channel == operation.Channel && (operation.Sends ? g.CanWrite : g.CanRead));
                if (!allowed)
                {
                    problems.Add($"{operation.Name}: {role} may not {(operation.Sends ? "write" : "read")} {operation.Channel}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    [InlineData(BrokerRoles.Bpjs)]
    [InlineData(CounterTag)]
    public void Every_right_of_a_reader_role_is_an_operation_of_the_document(string role)
    {
        var rights = BrokerRights.For(role == CounterTag ? BrokerRoles.Counter(1) : role);
        var operations = Operations().Where(o => o.Roles.Contains(role)).ToList();

        var missing = rights.SelectMany(g => new[] { (Right: g.CanRead, Sends: false), (Right: g.CanWrite, Sends: true) }
                .Where(x => x.Right).Select(x => (g.Channel, x.Sends)))
            .Where(r => !operations.Any(o => o.Channel == r.Channel && o.Sends == r.Sends))
            .Select(r => $"{role} may {(r.Sends ? "write" : "read")} {r.Channel}, but no operation of the document says so")
            .ToList();

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void Only_the_bridge_status_is_written_by_the_broker_itself()
    {
        var byBroker = Operations().Where(o => o.Roles.Contains(BrokerItself)).ToList();

        Assert.All(byBroker, o => Assert.Equal((TopicKind.BridgeStatus, true), (o.Channel, o.Sends)));
        Assert.NotEmpty(byBroker);
    }

    [Fact]
    public void The_bridge_reads_the_LED_board_lines_it_forwards_to_the_district()
    {
        Assert.Contains(BrokerRights.Bridge, g => g.Channel == TopicKind.Display && g.CanRead);
        Assert.Contains(Operations(), o => o.Channel == TopicKind.Display && !o.Sends && o.Roles.Contains(BrokerRoles.Bridge));
    }

    private sealed record Operation(string Name, bool Sends, TopicKind Channel, IReadOnlyList<string> Roles);

    private static List<Operation> Operations()
    {
        var document = ContractDocument.Load().Document;
        var channels = document["channels"]!.AsObject();
        var operations = new List<Operation>();
        foreach (var (name, node) in document["operations"]!.AsObject())
        {
            var channelName = node!["channel"]!["$ref"]!.GetValue<string>().Split('/')[^1];
            var address = channels[channelName]!["address"]!.GetValue<string>()
                .Replace("{site}", Topics.Site, StringComparison.Ordinal)
                .Replace("{counter}", "1", StringComparison.Ordinal)
                .Replace("{kioskId}", "kiosk-1", StringComparison.Ordinal);
            var kind = Topics.Classify(address, out _);
            Assert.True(kind != TopicKind.Unknown, $"{name}: channel {channelName} ({address}) is not a topic of SiteTopics");
            var roles = (node["tags"]?.AsArray() ?? []).Select(t => t!["name"]!.GetValue<string>()).ToList();
            Assert.True(roles.Count > 0, $"{name} has no tag naming who does it");
            operations.Add(new Operation(name, node["action"]!.GetValue<string>() == "send", kind, roles));
        }

        return operations;
    }
}
