using Kiosk.Mqtt.Protocol;
using Kiosk.Mqtt.Tests.Support;

namespace Kiosk.Mqtt.Tests.Client;

/// <summary>Keep-alive bounds on a FakeTimeProvider: the exact 1.5 x keep-alive promise, without wall-clock slack.</summary>
public sealed class KeepAliveClockTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The client's promise: PINGREQ after at most keep-alive plus one check interval of its loop (a twentieth of the
    /// smaller of keep-alive and the ping timeout, 8 s: 0.4 s). Where the loop's checks fall against the CONNACK on the
    /// virtual clock depends on when the loop first armed its timer, so 1.01 x keep-alive (0.2 s) was tighter than the
    /// promise and failed when a loaded machine started the loop a few steps of the clock late.
    /// </summary>
    private static readonly TimeSpan PingBy = KeepAlive + TimeSpan.FromTicks(Math.Min(KeepAlive.Ticks, (KeepAlive * 0.4).Ticks) / 20);

    [Fact]
    public async Task Silence_after_CONNACK_brings_PINGREQ_at_keep_alive_and_the_disconnect_by_one_and_a_half_keep_alives()
    {
        var clock = new ObservedTimeProvider();
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("virtual-clock", KeepAlive), time: clock);
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);
        var start = clock.Now;

        var pingRequest = session.ReadAsync(Step);
        await MoveClockAsync(clock, start + PingBy, until: () => client.IsAwaitingPingResponse);
        Assert.IsType<PingReqPacket>(await pingRequest.WaitAsync(Step));
        var pingAt = clock.Now - start;
        Assert.InRange(pingAt, KeepAlive, PingBy);

        var closed = session.ReadAsync(Step);
        await MoveClockAsync(clock, start + KeepAlive * 1.5, until: () => client.State != MqttConnectionState.Connected);
        Assert.Null(await closed.WaitAsync(Step));
        Assert.InRange(clock.Now - start, pingAt, KeepAlive * 1.5);
        var disconnected = await states.NextAsync(MqttConnectionState.Disconnected, Step);
        Assert.Contains("PINGRESP", disconnected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_PINGREQ_keeps_the_connection_through_many_keep_alive_periods()
    {
        var clock = new ObservedTimeProvider();
        await using var fake = new ScriptedBroker();
        await using var client = new MqttClient(fake.ClientOptions("virtual-clock-alive", KeepAlive), time: clock);
        var states = new StateRecorder(client);
        await client.StartAsync(CancellationToken.None);
        var (session, _) = await fake.AcceptAsync(Step);
        await session.SendAsync(new ConnAckPacket(false, 0));
        await states.NextAsync(MqttConnectionState.Connected, Step);

        for (var period = 0; period < 5; period++)
        {
            var ping = session.ReadAsync(Step);
            var from = clock.Now;
            await MoveClockAsync(clock, from + PingBy, until: () => client.IsAwaitingPingResponse);
            Assert.IsType<PingReqPacket>(await ping.WaitAsync(Step));
            Assert.InRange(clock.Now - from, KeepAlive, PingBy);
            await session.SendAsync(PingRespPacket.Instance);
            await Wait.UntilAsync(() => !client.IsAwaitingPingResponse, Step, "the client to read PINGRESP");
        }

        Assert.Equal(MqttConnectionState.Connected, client.State);
        Assert.DoesNotContain(states.All, c => c.NewState == MqttConnectionState.Disconnected);
    }

    /// <summary>
    /// Moves the clock in small steps up to <paramref name="limit"/>, letting the client's keep-alive loop arm its next
    /// timer after each step, and stops as soon as <paramref name="until"/> holds (which must then happen by the limit).
    /// </summary>
    private static async Task MoveClockAsync(ObservedTimeProvider clock, TimeSpan limit, Func<bool> until)
    {
        var step = TimeSpan.FromMilliseconds(100);
        while (!until() && clock.Now < limit)
        {
            clock.Advance(step);
            await Wait.UntilAsync(() => until() || clock.ArmedTimers > 0, Step, "the keep-alive loop to arm its next timer");
        }

        // The loop may still be acting on the last step; the clock no longer moves, so anything later is too late.
        await Wait.UntilAsync(until, Step, $"the expected keep-alive action by {limit.TotalSeconds:0.##} s on the virtual clock");
    }
}
