using System.Text;
using Kiosk.Broker;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Mqtt.Tests.Client;

/// <summary>
/// The broker's client-id plugin against the attack of issue 10: another role's login with the kiosk's client id used
/// to kick the kiosk off (a false "offline" will each time) and, with a clean session, erase the commands queued for it.
/// MqttConnectProbe is the intruder: a raw CONNECT whose CONNACK code is the broker's answer (5 = not authorised).
/// </summary>
[Collection(SharedBroker.CollectionName)]
public sealed class ClientIdTakeoverTests(BrokerFixture fixture)
{
    private const int NotAuthorised = 5;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);
    private static readonly string[] Intruders = [BrokerRoles.Display, BrokerRoles.Counter(1), BrokerRoles.Bridge];

    [Theory]
    [InlineData(BrokerRoles.Display)]
    [InlineData("counter-1")]
    [InlineData(BrokerRoles.Bridge)]
    public async Task Another_role_using_the_kiosks_client_id_is_refused_and_the_kiosk_stays_connected(string role)
    {
        var kioskId = ClientIds.Kiosk(BrokerFixture.Site, $"takeover-{role}");
        var commands = $"{new SiteTopics(BrokerFixture.Site).Root}/counter/1/command";
        await using var kiosk = await BrokerClients.ConnectedAsync(BrokerClients.Options(fixture.Broker, kioskId, cleanSession: false));
        var states = new StateRecorder(kiosk);
        await kiosk.SubscribeAsync([new MqttTopicFilter(commands, MqttQos.AtLeastOnce)], CancellationToken.None);

        var intruder = fixture.For(role);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var timeout = new CancellationTokenSource(Step);
            var code = await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, kioskId, intruder.Username, intruder.Password, timeout.Token);
            Assert.Equal(NotAuthorised, code);
        }

        // A command sent after the attempts still reaches the same, never interrupted connection.
        await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Counter(1)), commands, $"after-{role}");
        Assert.Equal($"after-{role}", Encoding.UTF8.GetString((await Wait.NextMessageAsync(kiosk, Step)).Payload.Span));
        Assert.Empty(states.All);
        Assert.Equal(MqttConnectionState.Connected, kiosk.State);
        Assert.Contains($"kiosk-clientid: refused client id '{kioskId}' for user '{intruder.Username}'", fixture.Broker.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_queued_for_an_absent_kiosk_survive_clean_session_intruders()
    {
        var kioskId = ClientIds.Kiosk(BrokerFixture.Site, "takeover-queued");
        var commands = $"{new SiteTopics(BrokerFixture.Site).Root}/counter/2/command";
        var options = BrokerClients.Options(fixture.Broker, kioskId, cleanSession: false);
        await using (var first = await BrokerClients.ConnectedAsync(options))
        {
            await first.SubscribeAsync([new MqttTopicFilter(commands, MqttQos.AtLeastOnce)], CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }

        for (var i = 1; i <= 5; i++)
        {
            await MosquittoClients.PublishAsync(fixture.Broker, fixture.For(BrokerRoles.Counter(2)), commands, $"queued-{i}");
        }

        // The probe's CONNECT has CleanSession=1: had the broker let it in, the kiosk's stored session would be gone.
        foreach (var role in Intruders)
        {
            using var timeout = new CancellationTokenSource(Step);
            var intruder = fixture.For(role);
            Assert.Equal(NotAuthorised, await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, kioskId, intruder.Username, intruder.Password, timeout.Token));
        }

        await using var back = new MqttClient(options);
        var states = new StateRecorder(back);
        await back.StartAsync(CancellationToken.None);
        Assert.True((await states.NextAsync(MqttConnectionState.Connected, Step)).SessionPresent);
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal($"queued-{i}", Encoding.UTF8.GetString((await Wait.NextMessageAsync(back, Step)).Payload.Span));
        }
    }

    [Fact]
    public async Task The_kiosk_user_may_use_other_kiosk_ids_and_other_roles_keep_their_own_ids()
    {
        // Doctor and the readiness probe connect as the kiosk user with their own kiosk- ids; lokets and screens pick
        // any id outside the reserved prefix.
        using var timeout = new CancellationTokenSource(Step);
        var kiosk = fixture.For(BrokerRoles.Kiosk);
        Assert.Equal(0, await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, ClientIds.KioskTool("doctor", Environment.ProcessId), kiosk.Username, kiosk.Password, timeout.Token));
        foreach (var role in Intruders)
        {
            var user = fixture.For(role);
            Assert.Equal(0, await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, $"loket-{role}-{Environment.ProcessId}", user.Username, user.Password, timeout.Token));
        }

        var wrong = fixture.For(BrokerRoles.Display);
        Assert.Equal(NotAuthorised, await MqttConnectProbe.ConnectAsync(fixture.Host, fixture.Port, "loket-wrong-password", wrong.Username, "salah", timeout.Token));
    }
}
