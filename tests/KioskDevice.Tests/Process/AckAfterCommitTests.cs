using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Configuration;
using Kiosk.Device.Hosting;
using Kiosk.Queue;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Kiosk.Device.Tests.Process;

/// <summary>
/// A command the broker acknowledged to the loket must run, even when the kiosk loses power while holding it: the
/// kiosk acknowledges a command to the broker only after its result is committed. The loket here never resends.
/// </summary>
[Collection(KioskProcessGroup.Name)]
public sealed class AckAfterCommitTests(ITestOutputHelper output)
{
    private const int Cycles = 30;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_command_the_broker_acknowledged_runs_exactly_once_through_30_power_cuts()
    {
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 6 });
        var data = Directory.CreateTempSubdirectory("kiosk-ack-").FullName;
        var settings = KioskProcess.Settings(broker, data);
        await using var loket = await CounterSession.StartAsync(broker, 1);

        // The kiosk must have subscribed once (its persistent session then queues commands while it is down).
        var kiosk = KioskProcess.Start(settings);
        // Only this warm-up is repeated (same id) until answered: before the first subscription nothing is queued for the kiosk.
        var warm = loket.ReplyTo("warm-up");
        var deadline = DateTime.UtcNow + Wait;
        while (!warm.IsCompleted && DateTime.UtcNow < deadline)
        {
            await loket.PublishAsync(JsonSerializer.Serialize(new { commandId = "warm-up", type = "pause" })).WaitAsync(Wait);
            await Task.WhenAny(warm, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        Assert.True((await warm.WaitAsync(TimeSpan.FromSeconds(1))).GetProperty("ok").GetBoolean());

        var acknowledged = new List<string>();
        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            // Alternating resume/pause: each one changes state and is committed with its own fsync.
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"cmd-{i}";
                await loket.PublishAsync(JsonSerializer.Serialize(new { commandId = id, type = i % 2 == 0 ? "resume" : "pause" })).WaitAsync(Wait);
                lock (acknowledged)
                {
                    acknowledged.Add(id);
                }

                await Task.Delay(15);
            }
        });

        var random = new Random(20261130);
        var commandsAtKill = new List<int>();
        try
        {
            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                // Killed at a random point of its life: starting, connecting, or deep in the stream of commands.
                await Task.Delay(random.Next(150, 1500));
                kiosk.KillHard();
                await kiosk.WaitForExitAsync(Wait);
                await kiosk.DisposeAsync();
                lock (acknowledged)
                {
                    commandsAtKill.Add(acknowledged.Count);
                }

                kiosk = KioskProcess.Start(settings);
            }

            await stop.CancelAsync();
            await sending;

            // The last command in the stream is answered only after everything before it ran (one session, in order).
            var last = await loket.CommandAsync("final", new { commandId = "final", type = "resume" }, Wait);
            Assert.True(last.GetProperty("ok").GetBoolean() || last.GetProperty("errorCode").GetString() is not null, last.ToString());
            kiosk.Terminate();
            Assert.Equal(0, await kiosk.WaitForExitAsync(Wait));
        }
        finally
        {
            await stop.CancelAsync();
            await kiosk.DisposeAsync();
        }

        output.WriteLine($"{Cycles} kills; {acknowledged.Count} commands acknowledged by the broker; acknowledged so far at each kill: {string.Join(", ", commandsAtKill)}");
        using var engine = OpenEngine(settings);
        var missing = acknowledged.Where(id => !engine.HasRun(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged commands never ran: {string.Join(", ", missing.Take(20))}");
        Assert.Equal(["ok"], engine.IntegrityCheck());
        Directory.Delete(data, recursive: true);
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
