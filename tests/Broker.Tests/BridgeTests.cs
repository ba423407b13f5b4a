using Kiosk.TestSupport;

namespace Kiosk.Broker.Tests;

/// <summary>The site-to-district bridge, between two real Mosquitto instances on loopback.</summary>
public sealed class BridgeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_site_queue_tree_reaches_the_district_broker()
    {
        await using var district = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 1 });
        var link = district.For(BrokerRoles.Kiosk);
        var bridge = BrokerBridge.Generate("pkm-kokop", district.Host, district.Port, link.Username, link.Password, caFile: null);
        await using var site = await PrivateBroker.StartAsync(new PrivateBrokerOptions
        {
            Site = "pkm-kokop",
            CounterCount = 1,
            ExtraConfigLines = bridge.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        });
        await using var dinas = await MosquittoSubscriber.StartAsync(district, district.For(BrokerRoles.Display), "queue/pkm-kokop/events", "queue/pkm-kokop/state");

        // The bridge connects on its own schedule: repeat the first event until it comes through, then send the real ones.
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await MosquittoClients.PublishAsync(site, site.For(BrokerRoles.Kiosk), "queue/pkm-kokop/events", "ping");
            try
            {
                if ((await dinas.NextAsync(TimeSpan.FromSeconds(1))).Payload == "ping")
                {
                    break;
                }
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not connected yet.
            }
        }

        await MosquittoClients.PublishAsync(site, site.For(BrokerRoles.Kiosk), "queue/pkm-kokop/state", "{\"sequence\":7}", retain: true);
        (string Topic, string Payload) next;
        do
        {
            next = await dinas.NextAsync(Wait);
        }
        while (next.Payload == "ping");

        Assert.Equal(("queue/pkm-kokop/state", "{\"sequence\":7}"), next);
    }

    [Fact]
    public void The_bridge_sends_only_public_topics_out_and_takes_nothing_in()
    {
        var config = BrokerBridge.Generate("pkm-kokop", "dinkes.example", 8883, "pkm-kokop", "secret", "/etc/mosquitto/certs/district-ca.crt");
        var topics = config.Split('\n').Where(l => l.StartsWith("topic ", StringComparison.Ordinal)).ToList();

        Assert.All(topics, line => Assert.EndsWith(" out 1", line, StringComparison.Ordinal));
        Assert.DoesNotContain(topics, line => line.Contains("counter", StringComparison.Ordinal));
        Assert.Contains("bridge_cafile /etc/mosquitto/certs/district-ca.crt", config, StringComparison.Ordinal);
        Assert.Contains("cleansession false", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bridge_forwards_exactly_what_the_bridge_user_may_read_in_the_acl()
    {
        var forwarded = BrokerBridge.Generate("pkm-kokop", "dinkes.example", 8883, "pkm-kokop", "secret", caFile: null)
            .ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.StartsWith("topic ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).ToList();
        var acl = BrokerAcl.Generate("pkm-kokop", 2).ReplaceLineEndings("\n").Split('\n');
        var readable = acl.SkipWhile(l => l != $"user {BrokerRoles.Bridge}").Skip(1)
            .TakeWhile(l => l.StartsWith("topic ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).Where(p => p[1] is "read" or "readwrite").Select(p => p[2]);

        Assert.Equal(readable.Order(StringComparer.Ordinal), forwarded.Order(StringComparer.Ordinal));
        Assert.Contains("queue/pkm-kokop/display/+", forwarded);
    }
}
