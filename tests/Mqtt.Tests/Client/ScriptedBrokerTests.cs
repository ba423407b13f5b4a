using System.Diagnostics;
using System.Text;
using Kiosk.Mqtt.Protocol;
using Kiosk.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace Kiosk.Mqtt.Tests.Client;

/// <summary>Behaviour Mosquitto will not produce on demand, scripted byte by byte on a loopback TcpListener.</summary>
public sealed class ScriptedBrokerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_QoS1_publish_cut_off_by_a_dropped_socket_is_resent_with_DUP_and_the_same_packet_id()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("resend-qos1"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (first, connect) = await fake.AcceptAsync(Step);
        Assert.False(connect.CleanSession);
        await first.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        var publish = client.PublishAsync(new MqttApplicationMessage("queue/test/events", "A-001"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);
        var original = await first.ReadAsync<PublishPacket>(Step);
        Assert.False(original.Dup);
        first.Drop();

        var (second, _) = await fake.AcceptAsync(Step);
        await second.SendAsync(new ConnAckPacket(SessionPresent: true, 0));
        var resent = await second.ReadAsync<PublishPacket>(Step);

        Assert.True(resent.Dup);
        Assert.Equal(original.PacketId, resent.PacketId);
        Assert.Equal("A-001", Encoding.UTF8.GetString(resent.Payload.Span));
        Assert.False(publish.IsCompleted);
        await second.SendAsync(new PubAckPacket(resent.PacketId));
        await Wait.ForAsync(publish, Step, "the publish to complete on PUBACK after the resend");
        Assert.Equal(0, client.PendingPublishCount);
    }

    [Fact]
    public async Task A_QoS2_publish_past_PUBREC_resumes_with_PUBREL_after_reconnect_and_completes_on_PUBCOMP()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("resend-qos2"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (first, _) = await fake.AcceptAsync(Step);
        await first.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        var publish = client.PublishAsync(new MqttApplicationMessage("queue/test/state", "snapshot"u8.ToArray(), MqttQos.ExactlyOnce), CancellationToken.None);
        var sent = await first.ReadAsync<PublishPacket>(Step);
        await first.SendAsync(new PubRecPacket(sent.PacketId));
        var release = await first.ReadAsync<PubRelPacket>(Step);
        Assert.Equal(sent.PacketId, release.PacketId);
        first.Drop();

        var (second, _) = await fake.AcceptAsync(Step);
        await second.SendAsync(new ConnAckPacket(SessionPresent: true, 0));
        var again = await second.ReadAsync<PubRelPacket>(Step);
        Assert.Equal(sent.PacketId, again.PacketId);
        await second.SendAsync(new PubCompPacket(again.PacketId));
        await Wait.ForAsync(publish, Step, "the QoS 2 publish to complete on PUBCOMP");
    }

    [Fact]
    public async Task A_broker_that_stops_answering_PINGREQ_is_noticed_even_while_the_client_keeps_publishing()
    {
        var keepAlive = TimeSpan.FromSeconds(1);
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("silent-broker", keepAlive));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (first, _) = await fake.AcceptAsync(Step);
        await first.SendAsync(new ConnAckPacket(false, 0));
        var silentSince = Stopwatch.StartNew();
        await states.NextAsync(MqttConnectionState.Connected, Step);

        // The client keeps sending; only what it receives may count as a sign of life.
        using var stopPublishing = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            while (!stopPublishing.IsCancellationRequested && client.State == MqttConnectionState.Connected)
            {
                try
                {
                    await client.PublishAsync(new MqttApplicationMessage("queue/test/busy", new byte[10]), CancellationToken.None);
                }
                catch (MqttNotConnectedException)
                {
                    return;
                }

                await Task.Delay(20);
            }
        });

        var seen = await first.ReadUntilClosedAsync(Step);
        var noticedAfter = silentSince.Elapsed;
        await stopPublishing.CancelAsync();
        await publisher.WaitAsync(Step);

        Assert.Contains(seen, p => p is PingReqPacket);
        Assert.Contains(seen, p => p is PublishPacket);
        var disconnected = await states.NextAsync(MqttConnectionState.Disconnected, Step);
        Assert.Contains("PINGRESP", disconnected.Reason, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(disconnected.Error);

        // The exact 1.5 x keep-alive bound is proven on a hand-moved clock (KeepAliveClockTests); here, on the wall
        // clock, it is only reported, because a loaded build machine may delay any thread by a few hundred ms.
        output.WriteLine($"Silent broker noticed after {noticedAfter.TotalMilliseconds:0} ms (keep-alive {keepAlive.TotalMilliseconds:0} ms).");
        var (second, _) = await fake.AcceptAsync(Step);
        await second.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
    }

    public static TheoryData<string, string> MalformedPackets => new()
    {
        { "30 04 0002 C328", "UTF-8" },                // PUBLISH topic that is not UTF-8
        { "30 FF FF FF FF 01", "remaining length" },   // five remaining-length bytes
        { "60 02 0001", "flags" },                     // PUBREL with wrong flags
        { "40 02 7777", "no matching publish" },       // PUBACK for a packet id never used
        { "50 02 7777", "no QoS 2 publish" },          // PUBREC for a packet id never used
        { "90 03 4242 00", "no SUBSCRIBE pending" },   // SUBACK out of nowhere
        { "20 02 0000", "never receives" },            // a second CONNACK
        { "90 C8 01 4242 00", "limit" },               // 200-byte SUBACK over a 128-byte MaxPacketSize (a PUBLISH that size is dropped, below)
        { "32 05 0001 2B 0001", "Invalid topic" },     // wildcard in a received topic
    };

    [Theory]
    [MemberData(nameof(MalformedPackets))]
    public async Task A_malformed_packet_is_a_typed_protocol_error_that_drops_and_re_establishes_the_connection(string hex, string reason)
    {
        await using var fake = new ScriptedBroker();
        var options = fake.ClientOptions("malformed");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClientId = options.ClientId,
            CleanSession = false,
            ReconnectMinDelay = options.ReconnectMinDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
            MaxPacketSize = 128,
        });
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (first, _) = await fake.AcceptAsync(Step);
        await first.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        await first.SendRawAsync(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal)));

        var dropped = await states.NextAsync(MqttConnectionState.Disconnected, Step);
        var error = Assert.IsType<MqttProtocolException>(dropped.Error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await first.ReadUntilClosedAsync(Step));

        // Reconnected and working: a QoS 1 publish goes through the new connection.
        var (second, _) = await fake.AcceptAsync(Step);
        await second.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
        var publish = client.PublishAsync(new MqttApplicationMessage("queue/test/after", "ok"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);
        var sent = await second.ReadAsync<PublishPacket>(Step);
        await second.SendAsync(new PubAckPacket(sent.PacketId));
        await Wait.ForAsync(publish, Step, "a publish over the re-established connection");
    }

    [Fact]
    public async Task An_oversized_publish_arriving_in_pieces_is_read_past_acknowledged_and_the_next_one_delivered()
    {
        await using var fake = new ScriptedBroker();
        var options = fake.ClientOptions("oversized");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClientId = options.ClientId,
            CleanSession = false,
            ReconnectMinDelay = options.ReconnectMinDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
            MaxPacketSize = 128,
        });
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        // QoS 1, remaining length 300, topic "a", packet id 7, then the payload in two pieces.
        await session.SendRawAsync(Convert.FromHexString("32AC02" + "000161" + "0007"));
        await session.SendRawAsync(new byte[150]);
        await session.SendRawAsync(new byte[145]);
        await session.SendAsync(new PublishPacket("queue/test/small", "ok"u8.ToArray(), MqttQos.AtLeastOnce, false, false, 8));

        Assert.Equal(7, (await session.ReadAsync<PubAckPacket>(Step)).PacketId);
        var small = await Wait.NextMessageAsync(client, Step);
        Assert.Equal("queue/test/small", small.Topic);
        Assert.Equal(8, (await session.ReadAsync<PubAckPacket>(Step)).PacketId);
        Assert.Equal(MqttConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task Packet_ids_wrap_from_65535_to_1_and_skip_ids_still_in_flight()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("packet-ids"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        client.SetLastPacketIdForTest(65534);
        var a = client.PublishAsync(new MqttApplicationMessage("queue/test/a", "a"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);
        var b = client.PublishAsync(new MqttApplicationMessage("queue/test/b", "b"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);
        Assert.Equal(65535, (await session.ReadAsync<PublishPacket>(Step)).PacketId);
        Assert.Equal(1, (await session.ReadAsync<PublishPacket>(Step)).PacketId);

        // Go round again while 65535 and 1 are unacknowledged: both must be skipped.
        client.SetLastPacketIdForTest(65534);
        var c = client.PublishAsync(new MqttApplicationMessage("queue/test/c", "c"u8.ToArray(), MqttQos.ExactlyOnce), CancellationToken.None);
        var third = await session.ReadAsync<PublishPacket>(Step);
        Assert.Equal(2, third.PacketId);

        await session.SendAsync(new PubAckPacket(65535));
        await session.SendAsync(new PubAckPacket(1));
        await session.SendAsync(new PubRecPacket(2));
        await session.ReadAsync<PubRelPacket>(Step);
        await session.SendAsync(new PubCompPacket(2));
        await Wait.ForAsync(Task.WhenAll(a, b, c), Step, "all three publishes to be acknowledged");
    }

    // Scripted rather than Mosquitto: Mosquitto 2.0 grants every SUBSCRIBE and applies its ACL at delivery, so it never sends 0x80.
    [Fact]
    public async Task Subscriptions_are_sent_again_when_the_broker_lost_the_session_and_SUBACK_failures_reach_the_caller()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("resubscribe"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (first, _) = await fake.AcceptAsync(Step);
        await first.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        var subscribing = client.SubscribeAsync([new MqttTopicFilter("queue/test/state", MqttQos.AtLeastOnce), new MqttTopicFilter("queue/test/secret", MqttQos.AtLeastOnce)], CancellationToken.None);
        var subscribe = await first.ReadAsync<SubscribePacket>(Step);
        await first.SendAsync(new SubAckPacket(subscribe.PacketId, [1, 0x80]));
        var results = await Wait.ForAsync(subscribing, Step, "SUBACK");
        Assert.True(results[0].Succeeded);
        Assert.Equal(MqttQos.AtLeastOnce, results[0].GrantedQos);
        Assert.False(results[1].Succeeded);
        Assert.Null(results[1].GrantedQos);
        first.Drop();

        var (second, _) = await fake.AcceptAsync(Step);
        await second.SendAsync(new ConnAckPacket(SessionPresent: false, 0));
        var again = await second.ReadAsync<SubscribePacket>(Step);

        // Only the granted filter comes back: a refused one would be refused again on every reconnect.
        var filter = Assert.Single(again.Filters);
        Assert.Equal(new MqttTopicFilter("queue/test/state", MqttQos.AtLeastOnce), filter);
        await second.SendAsync(new SubAckPacket(again.PacketId, [1]));
    }

    [Fact]
    public async Task Received_messages_reach_the_channel_in_order_and_are_acknowledged_only_once_taken()
    {
        await using var fake = new ScriptedBroker();
        var options = fake.ClientOptions("ordered");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClientId = options.ClientId,
            CleanSession = false,
            ReconnectMinDelay = options.ReconnectMinDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
            IncomingQueueCapacity = 2,
        });
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        for (ushort i = 1; i <= 10; i++)
        {
            await session.SendAsync(new PublishPacket("queue/test/events", Encoding.UTF8.GetBytes($"A-{i:000}"), MqttQos.AtLeastOnce, false, false, i));
        }

        // With room for two messages, at most two can be acknowledged (plus the one the read loop is holding) before anyone reads.
        var early = new List<ushort>();
        for (var i = 0; i < 2; i++)
        {
            early.Add((await session.ReadAsync<PubAckPacket>(Step)).PacketId);
        }

        Assert.Equal([1, 2], early);
        for (var i = 1; i <= 10; i++)
        {
            var message = await Wait.NextMessageAsync(client, Step);
            Assert.Equal($"A-{i:000}", Encoding.UTF8.GetString(message.Payload.Span));
        }

        for (ushort i = 3; i <= 10; i++)
        {
            Assert.Equal(i, (await session.ReadAsync<PubAckPacket>(Step)).PacketId);
        }
    }

    [Fact]
    public async Task A_QoS2_message_redelivered_before_PUBREL_reaches_the_application_once()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("exactly-once-in"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        await session.SendAsync(new PublishPacket("queue/test/state", "once"u8.ToArray(), MqttQos.ExactlyOnce, false, false, 9));
        Assert.Equal(9, (await session.ReadAsync<PubRecPacket>(Step)).PacketId);
        await session.SendAsync(new PublishPacket("queue/test/state", "once"u8.ToArray(), MqttQos.ExactlyOnce, false, true, 9));
        Assert.Equal(9, (await session.ReadAsync<PubRecPacket>(Step)).PacketId);
        await session.SendAsync(new PubRelPacket(9));
        Assert.Equal(9, (await session.ReadAsync<PubCompPacket>(Step)).PacketId);
        await session.SendAsync(new PublishPacket("queue/test/state", "next"u8.ToArray(), MqttQos.AtMostOnce, false, false, 0));

        Assert.Equal("once", Encoding.UTF8.GetString((await Wait.NextMessageAsync(client, Step)).Payload.Span));
        Assert.Equal("next", Encoding.UTF8.GetString((await Wait.NextMessageAsync(client, Step)).Payload.Span));
    }

    [Fact]
    public async Task Stop_sends_DISCONNECT_and_QoS0_publish_while_offline_throws_the_typed_error()
    {
        await using var fake = new ScriptedBroker();
        var client = new MqttClient(fake.ClientOptions("graceful"));
        var states = new StateRecorder(client);
        await Assert.ThrowsAsync<MqttNotConnectedException>(() => client.PublishAsync(new MqttApplicationMessage("queue/test/x", Array.Empty<byte>()), CancellationToken.None));
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        await client.StopAsync(CancellationToken.None);

        Assert.IsType<DisconnectPacket>(Assert.Single(await session.ReadUntilClosedAsync(Step)));
        Assert.Equal(MqttConnectionState.Stopped, client.State);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_refused_CONNACK_is_reported_and_retried_with_backoff()
    {
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("refused"));
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (first, _) = await fake.AcceptAsync(Step);
        await first.SendAsync(new ConnAckPacket(false, 5));
        var down = await states.NextAsync(MqttConnectionState.Disconnected, Step);
        Assert.Equal(5, Assert.IsType<MqttConnectionRefusedException>(down.Error).ReturnCode);
        var (second, _) = await fake.AcceptAsync(Step);
        await second.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
    }
}
