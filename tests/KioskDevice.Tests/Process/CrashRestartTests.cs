using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Hosting;
using Kiosk.Device.Configuration;
using Kiosk.Queue;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Kiosk.Device.Tests.Process;

/// <summary>
/// Power cuts: the kiosk process is SIGKILLed while counters keep sending commands, then started again. Nothing that
/// was answered may be lost, no number may repeat, and every committed event must reach the displays, in order.
/// </summary>
[Collection(KioskProcessGroup.Name)]
public sealed class CrashRestartTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigkill_and_restart_lose_nothing_and_duplicate_nothing()
    {
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 6 });
        var data = Directory.CreateTempSubdirectory("kiosk-crash-").FullName;
        var settings = KioskProcess.Settings(broker, data);
        var counter = broker.For(BrokerRoles.Counter(1));
        await using var display = await MosquittoSubscriber.StartPersistentAsync(broker, broker.For(BrokerRoles.Display), "crash-display", "queue/pkm-kokop/events");
        await using var replies = await MosquittoSubscriber.StartPersistentAsync(broker, counter, "crash-counter-1", "queue/pkm-kokop/counter/1/reply");
        var kiosk = KioskProcess.Start(settings);
        var answered = new Dictionary<string, string>(StringComparer.Ordinal);
        var killAfter = new HashSet<int> { 2, 5, 9 };
        try
        {
            for (var i = 0; i < 12; i++)
            {
                var emergency = $"e-{i}";
                var command = JsonSerializer.Serialize(new { commandId = emergency, type = "emergency", service = "UGD" });
                await MosquittoClients.PublishAsync(broker, counter, "queue/pkm-kokop/counter/1/command", command);
                if (killAfter.Contains(i))
                {
                    // Killed with the command possibly half-done: the broker keeps it for the kiosk's persistent session.
                    kiosk.KillHard();
                    await kiosk.WaitForExitAsync(Wait);
                    await kiosk.DisposeAsync();
                    kiosk = KioskProcess.Start(settings);
                }

                var reply = await ReplyAsync(broker, counter, replies, emergency, command);
                Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
                answered[emergency] = reply.GetProperty("ticket").GetProperty("number").GetString()!;

                var serve = JsonSerializer.Serialize(new { commandId = $"s-{i}", type = "serve" });
                await MosquittoClients.PublishAsync(broker, counter, "queue/pkm-kokop/counter/1/command", serve);
                var served = await ReplyAsync(broker, counter, replies, $"s-{i}", serve);
                Assert.True(served.GetProperty("ok").GetBoolean(), served.ToString());
            }

            // The same command id again is answered from the log, not run again.
            var again = JsonSerializer.Serialize(new { commandId = "e-0", type = "emergency", service = "UGD" });
            await MosquittoClients.PublishAsync(broker, counter, "queue/pkm-kokop/counter/1/command", again);
            var replay = await ReplyAsync(broker, counter, replies, "e-0", again);
            Assert.Equal(answered["e-0"], replay.GetProperty("ticket").GetProperty("number").GetString());

            kiosk.Terminate();
            Assert.Equal(0, await kiosk.WaitForExitAsync(Wait));
        }
        finally
        {
            await kiosk.DisposeAsync();
        }

        using var engine = OpenEngine(settings);
        var tickets = engine.TodayTickets();
        Assert.Equal(tickets.Count, tickets.Select(t => t.Number).Distinct().Count());
        Assert.Equal(answered.Count, answered.Values.Distinct().Count());
        Assert.All(answered.Values, number => Assert.Contains(tickets, t => t.Number == number));
        Assert.Equal(["ok"], engine.IntegrityCheck());
        Assert.Empty(engine.ReadOutbox(1000));

        // Every event the kiosk committed reached the display: sequences 1..last with no gap (duplicates allowed by QoS 1).
        var last = engine.GetSnapshot().Sequence;
        var seen = new SortedSet<long>();
        while (seen.Count < last)
        {
            var (_, payload) = await display.NextAsync(Wait);
            seen.Add(JsonDocument.Parse(payload).RootElement.GetProperty("sequence").GetInt64());
        }

        Assert.Equal(Enumerable.Range(1, (int)last).Select(n => (long)n), seen);
        Directory.Delete(data, recursive: true);
    }

    /// <summary>
    /// Waits for the answer to <paramref name="commandId"/>, sending the same command again every few seconds as a loket
    /// app does when no answer comes (e.g. it was sent before the kiosk's very first subscription): the command id makes
    /// the repeats harmless.
    /// </summary>
    private static async Task<JsonElement> ReplyAsync(PrivateBroker broker, BrokerCredentials counter, MosquittoSubscriber replies, string commandId, string command)
    {
        var deadline = DateTime.UtcNow + Wait;
        var resendAt = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var now = DateTime.UtcNow;
            if (now > deadline)
            {
                throw new TimeoutException($"No reply to {commandId} within {Wait.TotalSeconds:0} s.");
            }

            if (now > resendAt)
            {
                await MosquittoClients.PublishAsync(broker, counter, "queue/pkm-kokop/counter/1/command", command);
                resendAt = now + TimeSpan.FromSeconds(5);
            }

            (string Topic, string Payload) message;
            try
            {
                message = await replies.NextAsync(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                continue;
            }

            var reply = JsonDocument.Parse(message.Payload).RootElement;
            if (reply.GetProperty("commandId").GetString() == commandId)
            {
                return reply.Clone();
            }
        }
    }

    private static QueueEngine OpenEngine(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(settings!)
            .Build();
        var kiosk = configuration.GetSection(KioskOptions.Section).Get<KioskOptions>()!;
        return QueueEngine.Open(KioskHost.QueueOptions(configuration, kiosk), TimeProvider.System);
    }
}
