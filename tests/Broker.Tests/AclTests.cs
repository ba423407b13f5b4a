using Kiosk.TestSupport;

namespace Kiosk.Broker.Tests;

/// <summary>
/// The role table of ARCHITECTURE.md, proven against the real broker. MQTT 3.1.1 drops a denied publish silently,
/// so each negative check is followed by a permitted "sentinel" message from the same or a later publisher:
/// Mosquitto handles one client's packets in order, so once the sentinel arrives a leaked message would already be there.
/// </summary>
[Collection(SharedBroker.CollectionName)]
public sealed class AclTests(BrokerFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const string Root = $"queue/{BrokerFixture.Site}";

    [Fact]
    public async Task Display_cannot_publish_a_counter_command()
    {
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/counter/+/command");

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Display), $"{Root}/counter/1/command", "forged-by-display");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For("counter-1"), $"{Root}/counter/1/command", "sentinel");

        var first = await kiosk.NextAsync(Wait);
        Assert.Equal(($"{Root}/counter/1/command", "sentinel"), first);
    }

    [Fact]
    public async Task Counter_2_cannot_publish_to_counter_1s_command_topic()
    {
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/counter/+/command");

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For("counter-2"), $"{Root}/counter/1/command", "forged-by-counter-2");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For("counter-2"), $"{Root}/counter/2/command", "sentinel");

        var first = await kiosk.NextAsync(Wait);
        Assert.Equal(($"{Root}/counter/2/command", "sentinel"), first);
    }

    [Theory]
    [InlineData("counter-2")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Only_counter_1_reads_counter_1s_reply(string role)
    {
        // The wildcard subscription is the loosest a client could ask for: the ACL still must not hand over the reply.
        await using var other = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(role), $"{Root}/counter/1/reply", $"{Root}/#");
        await using var owner = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For("counter-1"), $"{Root}/counter/1/reply");

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/counter/1/reply", "{\"card\":\"0001234567890\"}");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/events", "sentinel");

        Assert.Equal(($"{Root}/counter/1/reply", "{\"card\":\"0001234567890\"}"), await owner.NextAsync(Wait));
        Assert.Equal(($"{Root}/events", "sentinel"), await other.NextAsync(Wait));
    }

    [Theory]
    [InlineData("counter-1")]
    [InlineData("counter-3")]
    [InlineData(BrokerRoles.Display)]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Every_reader_role_gets_the_public_state(string role)
    {
        await using var reader = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(role), $"{Root}/state", $"{Root}/display/+", $"{Root}/kiosk/+/status");

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/display/2", "A-012");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/kiosk/k1/status", "online");

        Assert.Equal(($"{Root}/display/2", "A-012"), await reader.NextAsync(Wait));
        Assert.Equal(($"{Root}/kiosk/k1/status", "online"), await reader.NextAsync(Wait));
    }

    [Fact]
    public async Task Display_cannot_publish_the_state_nor_a_display_line()
    {
        await using var kiosk = await MosquittoSubscriber.StartAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/display/+");

        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Display), $"{Root}/display/1", "Z-999");
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Kiosk), $"{Root}/display/1", "sentinel");

        Assert.Equal(($"{Root}/display/1", "sentinel"), await kiosk.NextAsync(Wait));
    }

    [Fact]
    public async Task Anonymous_client_is_refused()
    {
        var code = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, "anonymous", null, null, CancellationToken.None);

        Assert.Equal(5, code);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var code = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, "wrong-pass", BrokerRoles.Kiosk, "not-the-password", CancellationToken.None);

        Assert.Contains(code, new[] { 4, 5 });
    }

    [Fact]
    public async Task Right_password_is_accepted()
    {
        var kiosk = fixture.For(BrokerRoles.Kiosk);

        var code = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, "right-pass", kiosk.Username, kiosk.Password, CancellationToken.None);

        Assert.Equal(0, code);
    }
}
