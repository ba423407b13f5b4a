using Kiosk.Contract.Topics;
using Kiosk.TestSupport;

namespace Kiosk.Broker.Tests;

/// <summary>
/// The BPJS bridge's role and its private channel with the kiosk, proven against the real broker. As in
/// <see cref="AclTests"/>, a denied publish is dropped silently, so each negative check is followed by a permitted
/// sentinel: once the sentinel arrives, a leaked message would already be there.
/// </summary>
[Collection(SharedBroker.CollectionName)]
public sealed class BpjsAclTests(BrokerFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly SiteTopics Topics = new(BrokerFixture.Site);
    private const string Card = "{\"card\":{\"kind\":\"bpjs\",\"number\":\"0001234567890\"}}";

    [Theory]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Only_the_bpjs_user_reads_the_kiosks_bpjs_reply(string role)
    {
        // The loosest subscription a client could ask for: the ACL still must not hand the card over.
        await using var other = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(role), Topics.BpjsReply, Topics.All);
        await using var bpjs = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsReply);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.BpjsReply, Card);
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.Events, "sentinel");

        Assert.Equal((Topics.BpjsReply, Card), await bpjs.NextAsync(Wait));
        Assert.Equal((Topics.Events, "sentinel"), await other.NextAsync(Wait));
    }

    [Theory]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    [InlineData(BrokerRoles.Bpjs)]
    public async Task Only_the_kiosk_reads_a_bpjs_request(string role)
    {
        await using var other = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(role), Topics.BpjsRequest, Topics.All);
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.BpjsRequest);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsRequest, "request");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.Events, "sentinel");

        Assert.Equal((Topics.BpjsRequest, "request"), await kiosk.NextAsync(Wait));
        Assert.Equal((Topics.Events, "sentinel"), await other.NextAsync(Wait));
    }

    [Theory]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Only_the_bpjs_user_writes_a_bpjs_request(string role)
    {
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.BpjsRequest);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(role), Topics.BpjsRequest, $"forged-by-{role}");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsRequest, "sentinel");

        Assert.Equal((Topics.BpjsRequest, "sentinel"), await kiosk.NextAsync(Wait));
    }

    [Theory]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    [InlineData(BrokerRoles.Bpjs)]
    public async Task Only_the_kiosk_writes_a_bpjs_reply(string role)
    {
        await using var bpjs = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsReply);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(role), Topics.BpjsReply, $"forged-by-{role}");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.BpjsReply, "sentinel");

        Assert.Equal((Topics.BpjsReply, "sentinel"), await bpjs.NextAsync(Wait));
    }

    [Fact]
    public async Task The_bpjs_user_cannot_publish_a_counter_command()
    {
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.AnyCommand);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.Command(1), "forged-by-bpjs");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For("counter-1"), Topics.Command(1), "sentinel");

        Assert.Equal((Topics.Command(1), "sentinel"), await kiosk.NextAsync(Wait));
    }

    [Fact]
    public async Task The_bpjs_user_cannot_publish_events_state_status_or_a_board_line()
    {
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.Events, Topics.State, Topics.AnyKioskStatus, Topics.AnyDisplay);

        foreach (var topic in new[] { Topics.Events, Topics.State, Topics.KioskStatus("k1"), Topics.Display(1) })
        {
            await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), topic, "forged-by-bpjs");
        }

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.Events, "sentinel");

        Assert.Equal((Topics.Events, "sentinel"), await kiosk.NextAsync(Wait));
    }

    [Fact]
    public async Task The_bpjs_user_reads_events_and_kiosk_statuses_but_no_state_board_line_nor_counter_reply()
    {
        await using var bpjs = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.All);
        var kiosk = fixture.For(BrokerRoles.Kiosk);

        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, Topics.State, "state");
        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, Topics.Display(1), "A-001");
        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, Topics.Reply(1), Card);
        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, Topics.Events, "event");
        await MosquittoClients.PublishAsync(fixture.Broker, kiosk, Topics.KioskStatus("k1"), "status");

        Assert.Equal((Topics.Events, "event"), await bpjs.NextAsync(Wait));
        Assert.Equal((Topics.KioskStatus("k1"), "status"), await bpjs.NextAsync(Wait));
    }

    [Theory]
    [InlineData(BrokerRoles.Display)]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Another_user_cannot_take_the_bpjs_bridges_client_id(string role)
    {
        var user = fixture.For(role);

        var code = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, ClientIds.Bpjs(BrokerFixture.Site), user.Username, user.Password, CancellationToken.None);

        Assert.Equal(5, code);
    }

    [Fact]
    public async Task The_bpjs_user_connects_with_its_own_client_ids()
    {
        var bpjs = fixture.For(BrokerRoles.Bpjs);

        var session = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, ClientIds.Bpjs(BrokerFixture.Site), bpjs.Username, bpjs.Password, CancellationToken.None);
        var cards = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, ClientIds.BpjsCards(BrokerFixture.Site), bpjs.Username, bpjs.Password, CancellationToken.None);

        Assert.Equal((0, 0), (session, cards));
    }

    [Fact]
    public void The_acl_gives_the_bpjs_user_exactly_its_five_topics()
    {
        var acl = BrokerAcl.Generate("pkm-kokop", 2).ReplaceLineEndings("\n").Split('\n');
        var block = acl.SkipWhile(l => l != $"user {BrokerRoles.Bpjs}").Skip(1).TakeWhile(l => l.StartsWith("topic ", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["topic read queue/pkm-kokop/events", "topic read queue/pkm-kokop/kiosk/+/status", "topic write queue/pkm-kokop/bpjs/request", "topic read queue/pkm-kokop/bpjs/reply",
                "topic write queue/pkm-kokop/bpjs/status"],
            block);
    }

    // The bridge's status: only bpjs writes it, the lokets (the loket pages log in as counter-N) and the kiosk read it.
    // Published without retain here: a retained status would be the first message of every later test's '#' subscriber.
    private const string Status = "{\"backlog\":0}";

    [Theory]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Only_the_bpjs_user_writes_the_bridge_status(string role)
    {
        await using var loket = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For("counter-2"), Topics.BpjsStatus);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(role), Topics.BpjsStatus, $"forged-by-{role}");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsStatus, "sentinel");

        Assert.Equal((Topics.BpjsStatus, "sentinel"), await loket.NextAsync(Wait));
    }

    [Theory]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Kiosk)]
    public async Task The_lokets_and_the_kiosk_read_the_bridge_status(string role)
    {
        await using var reader = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(role), Topics.BpjsStatus);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsStatus, Status);

        Assert.Equal((Topics.BpjsStatus, Status), await reader.NextAsync(Wait));
    }

    [Theory]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    [InlineData(BrokerRoles.Bpjs)]
    public async Task The_waiting_room_the_district_bridge_and_the_bpjs_user_do_not_read_the_bridge_status(string role)
    {
        await using var other = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(role), Topics.BpjsStatus, Topics.Events);

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Bpjs), Topics.BpjsStatus, Status);
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), Topics.Events, "sentinel");

        Assert.Equal((Topics.Events, "sentinel"), await other.NextAsync(Wait));
    }
}
