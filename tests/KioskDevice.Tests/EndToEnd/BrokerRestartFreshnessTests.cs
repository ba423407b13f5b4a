using System.Diagnostics;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Publishing;
using Kiosk.Mqtt;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// After Mosquitto dies (SIGKILL) and comes back, the kiosk is back within seconds: events flow again and the retained
/// status is rewritten (a fresh <c>at</c>), so nobody reads the "online" the broker restored from before the crash.
/// The 5 s bound is judged on the kiosk's own connection (its reconnect back-off tops out at 2 s); the witnesses are
/// separate processes whose start-up a loaded CI machine slows down, so what they see has a wider bound.
/// </summary>
public sealed class BrokerRestartFreshnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WitnessBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_broker_crash_and_restart_events_flow_and_the_status_is_fresh_within_5_seconds()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await Eventually.TrueAsync(() => kiosk.Session.Engine.ReadOutbox(10).Count == 0, "the start-up events are published");

        for (var round = 1; round <= 3; round++)
        {
            var killedAt = DateTimeOffset.UtcNow;
            var connection = kiosk.Session.Services.GetRequiredService<KioskMqttConnection>();
            var reconnected = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = new Stopwatch();
            var killed = 0;
            void OnState(object? sender, MqttConnectionStateChangedEventArgs change)
            {
                // Measured from the moment the broker accepts connections again; a reconnect that wins the race with
                // RestartAsync's own readiness probe counts as zero.
                if (change.NewState == MqttConnectionState.Connected && Volatile.Read(ref killed) == 1)
                {
                    reconnected.TrySetResult(clock.Elapsed);
                }
            }

            TimeSpan reconnectTime;
            connection.Client.StateChanged += OnState;
            try
            {
                await kiosk.Broker.KillAsync();
                Volatile.Write(ref killed, 1);
                await kiosk.Broker.RestartAsync();
                clock.Start();
                reconnectTime = await reconnected.Task.WaitAsync(WitnessBound);
                Assert.True(reconnectTime <= Bound, $"the kiosk reconnected {reconnectTime.TotalMilliseconds:0} ms after the broker was back (bound {Bound.TotalSeconds:0} s)");
            }
            finally
            {
                connection.Client.StateChanged -= OnState;
            }

            // The status: a new reader gets the retained one; the one restored from before the crash does not count.
            await using (var status = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/kiosk/+/status"))
            {
                while (true)
                {
                    var (_, payload) = await status.NextAsync(Left(clock));
                    var root = JsonDocument.Parse(payload).RootElement;
                    if (root.GetProperty("online").GetBoolean() && root.GetProperty("at").ValueKind == JsonValueKind.String && root.GetProperty("at").GetDateTimeOffset() > killedAt)
                    {
                        break;
                    }
                }
            }

            var statusMs = clock.ElapsedMilliseconds;

            // A witness subscribed now: the SIGKILLed broker lost every session, so an older one may still be reconnecting.
            await using var display = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/events");
            var sequenceBefore = kiosk.Session.Engine.GetSnapshot().Sequence;
            await kiosk.PressAsync("umum");
            while (true)
            {
                var (_, payload) = await display.NextAsync(Left(clock));
                var e = JsonDocument.Parse(payload).RootElement;
                if (e.GetProperty("sequence").GetInt64() > sequenceBefore && e.GetProperty("type").GetString() == "ticket.issued")
                {
                    break;
                }
            }

            output.WriteLine($"round {round}: kiosk reconnected after {reconnectTime.TotalMilliseconds:0} ms, fresh status {statusMs} ms, first new event {clock.ElapsedMilliseconds} ms after the broker accepted connections again");
        }
    }

    private static TimeSpan Left(Stopwatch clock) => clock.Elapsed < WitnessBound ? WitnessBound - clock.Elapsed : TimeSpan.FromMilliseconds(1);
}
