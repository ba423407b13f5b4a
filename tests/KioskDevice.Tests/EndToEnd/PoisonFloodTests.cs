using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.TestSupport;
using Xunit.Abstractions;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// One hostile loket floods the kiosk with every kind of malformed command while another keeps working: through the real
/// broker, with the kiosk restarted in the middle. Every command with a readable id is answered, every
/// other one gets its id-less refusal, the second loket never waits long and nothing is ever redelivered for good.
/// </summary>
public sealed class PoisonFloodTests(ITestOutputHelper output)
{
    private const int Flood = 1_000;
    private const int SampleEvery = 40;
    private const int RestartAt = Flood / 2;

    [Fact]
    public async Task A_flood_of_malformed_commands_from_one_loket_never_holds_up_another_even_across_a_kiosk_restart()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var hostile = await CounterSession.StartAsync(kiosk.Broker, 1, clientId: "flood-counter-1");
        await using var counter2 = await CounterSession.StartAsync(kiosk.Broker, 2);

        var payloads = Enumerable.Range(0, Flood).Select(Poison).ToList();
        var samples = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        Task? restart = null;

        var flooding = Task.Run(async () =>
        {
            for (var i = 0; i < Flood; i++)
            {
                if (i == RestartAt)
                {
                    // The flood goes on while the kiosk is off: the broker queues it for the kiosk's session.
                    Volatile.Write(ref restart, kiosk.Session.RestartAsync());
                }

                await hostile.PublishAsync(payloads[i].Bytes).WaitAsync(KioskHarness.Wait);
                if (i % SampleEvery == 0)
                {
                    samples.Writer.TryWrite(true);
                }
            }

            samples.Writer.Complete();
        });

        // Loket 2 works through the flood: an emergency patient made and called at its counter, then served.
        var latencies = new List<double>();
        var afterRestart = 0;
        var beforeRestart = 0;
        var n = 0;
        await foreach (var _ in samples.Reader.ReadAllAsync())
        {
            if (Volatile.Read(ref restart) is { } restarting && afterRestart == 0)
            {
                // Commands sent while the kiosk is off wait for it by design; they are checked, not timed.
                await restarting.WaitAsync(KioskHarness.Wait);
                var probe = await counter2.CommandAsync("c2-probe", new { commandId = "c2-probe", type = "pause" }, KioskHarness.Wait);
                Assert.True(probe.GetProperty("ok").GetBoolean(), probe.ToString());
                var resumed = await counter2.CommandAsync("c2-resume", new { commandId = "c2-resume", type = "resume" }, KioskHarness.Wait);
                Assert.True(resumed.GetProperty("ok").GetBoolean(), resumed.ToString());
                beforeRestart = latencies.Count;
                afterRestart = 1;
            }

            n++;
            foreach (var command in new object[]
            {
                new { commandId = $"c2-emergency-{n}", type = "emergency", service = "BPJS", reason = "Sesak napas" },
                new { commandId = $"c2-serve-{n}", type = "serve" },
            })
            {
                var id = (string)command.GetType().GetProperty("commandId")!.GetValue(command)!;
                var clock = Stopwatch.StartNew();
                var reply = await counter2.CommandAsync(id, command, KioskHarness.Wait);
                if (Volatile.Read(ref restart) is null || afterRestart > 0)
                {
                    // A command the restart overlapped waited for the kiosk to come back: answered, not timed.
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                }

                Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
            }
        }

        await flooding;
        await Volatile.Read(ref restart)!.WaitAsync(KioskHarness.Wait);

        // Everything the hostile loket sent is answered once the kiosk is through its queue: readable ids by id, the rest
        // by an id-less refusal each (a command redelivered after the restart may be answered twice, never zero times).
        var withId = payloads.Where(p => p.Id is not null).ToList();
        var withoutId = payloads.Count(p => p.Id is null && p.Answered);
        await Eventually.TrueAsync(
            () => withId.All(p => hostile.HasReply(p.Id!)) && hostile.RepliesWithoutId >= withoutId,
            $"every flood command is answered ({withId.Count(p => hostile.HasReply(p.Id!))} of {withId.Count} with an id, {hostile.RepliesWithoutId} of {withoutId} without)",
            TimeSpan.FromMinutes(2));
        foreach (var valid in payloads.Where(p => p.Valid))
        {
            var reply = await hostile.ReplyTo(valid.Id!);
            Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        }

        foreach (var refused in withId.Where(p => !p.Valid))
        {
            var reply = await hostile.ReplyTo(refused.Id!);
            Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
            Assert.Contains(reply.GetProperty("errorCode").GetString(), new[] { "bad-command", "unsupported-version", "clock-skew" });
        }

        // The kiosk is well and answers at once afterwards; nothing of the flood reached the queue.
        var after = await counter2.CommandAsync("c2-after", new { commandId = "c2-after", type = "emergency", service = "BPJS" }, KioskHarness.Wait);
        Assert.True(after.GetProperty("ok").GetBoolean(), after.ToString());
        Assert.False(kiosk.Session.Engine.HasRun("flood-0001"));

        var sorted = latencies.Order().ToList();
        var p99 = sorted[(int)Math.Ceiling(0.99 * sorted.Count) - 1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loket 2 during a flood of {Flood} commands from loket 1: {sorted.Count} replies, median {sorted[sorted.Count / 2]:F0} ms, p99 {p99:F0} ms, max {sorted[^1]:F0} ms ({beforeRestart} before the restart); loket 1 got {hostile.RepliesReceived} replies"));
        Assert.InRange(sorted.Count, 2 * ((Flood + SampleEvery - 1) / SampleEvery) - 2, 2 * ((Flood + SampleEvery - 1) / SampleEvery));
    }

    /// <summary>The i-th payload of the flood: every malformed kind in turn, and now and then a valid command.</summary>
    private static FloodPayload Poison(int i)
    {
        var id = $"flood-{i.ToString("D4", CultureInfo.InvariantCulture)}";
        return (i % 16) switch
        {
            // The reproduction from the report: the id's string holds invalid UTF-8 and an encoded lone surrogate.
            0 => new(Raw("{\"commandId\":\"", [0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80], "\",\"type\":\"call-next\"}"), null),
            1 => new(Text($"{{\"commandId\":\"\\ud800{i}\",\"type\":\"call-next\"}}"), null),
            2 => new(Raw($"{{\"commandId\":\"{id}\",\"type\":\"emergency\",\"service\":\"UMUM\",\"reason\":\"", [0xc3, 0x28], "\"}"), id),
            3 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"pause\",\"x\":{new string('[', 5_000)}{new string(']', 5_000)}}}"), null),
            4 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"emergency\",\"service\":\"UMUM\",\"familySize\":1{new string('9', 300)}}}"), id),
            5 => new(Text($"{{\"commandId\":\"{id}\",\"commandId\":\"{id}-b\",\"type\":\"pause\"}}"), null),
            6 => new(Text($"{{\"commandId\":\"{id}\",\"type\":{{\"a\":[1,2,3]}}}}"), id),
            7 => new(Text("{}"), null),
            8 => new(Text("bukan json sama sekali"), null),
            9 => new([], null),
            10 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"meledak\"}}"), id),
            11 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"call\",\"ticketId\":\"bukan-guid\"}}"), id),
            12 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"pause\",\"sentAt\":\"2020-01-01T00:00:00+07:00\"}}"), id),
            13 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"pause\",\"contractVersion\":\"99.0\"}}"), id),
            // Over the kiosk client's own payload limit: dropped and acknowledged by the client, logged, never answered.
            14 when i % 160 == 14 => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"pause\",\"reason\":\"{new string('x', 100 * 1024)}\"}}"), null, Answered: false),
            // A broken loket still sends good commands now and then: they work.
            _ => new(Text($"{{\"commandId\":\"{id}\",\"type\":\"{(i % 32 < 16 ? "pause" : "resume")}\"}}"), id, Valid: true),
        };
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Raw(string before, byte[] raw, string after) => [.. Text(before), .. raw, .. Text(after)];

    private sealed record FloodPayload(byte[] Bytes, string? Id, bool Answered = true, bool Valid = false);
}
