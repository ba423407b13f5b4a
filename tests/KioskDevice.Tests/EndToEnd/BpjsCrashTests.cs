using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The bridge SIGKILLed mid-send ten times: each kill comes after BPJS (the double) has stored a report and before its
/// answer is written, the worst moment, so the outbox still holds the report as unsent. Restarted at once as systemd
/// does, the bridge sends it again; BPJS answers "already there", which counts as delivered. Real kiosk host, real
/// Mosquitto (the bridge's persistent session keeps the events of the dead moments), the bridge's own process.
/// </summary>
public sealed class BpjsCrashTests
{
    private const int Kills = 10;
    private static readonly TimeSpan Wait = KioskHarness.Wait;

    [Fact]
    public async Task Ten_SIGKILLs_mid_send_lose_nothing_and_deliver_nothing_twice()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var bpjs = await BpjsDouble.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bpjs-crash-").FullName;
        var gate = new Lock();
        ChildProcess? bridge = null;
        var kills = 0;
        var killed = new List<string>();
        // Kill on a report BPJS has just taken, before the bridge hears so, until ten kills are done.
        bpjs.Mode.BeforeAnswer = (kind, code) =>
        {
            lock (gate)
            {
                if (code == 200 && kills < Kills && bridge is { HasExited: false } running)
                {
                    running.KillHard();
                    kills++;
                    killed.Add(kind);
                }
            }
        };

        using var stop = new CancellationTokenSource();
        var restarts = 0;
        var supervisor = Task.CompletedTask;
        try
        {
            // The first start creates the bridge's persistent session; only then do the kiosk's events wait for it.
            var first = await BpjsCrashBridge.StartAsync(kiosk, bpjs, folder);
            lock (gate)
            {
                bridge = first;
            }

            await first.WaitForOutputAsync(BpjsCrashBridge.Subscribed, BpjsCrashBridge.StartWait);
            // systemd's Restart=always: a dead bridge is started again at once.
            supervisor = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    ChildProcess current;
                    lock (gate)
                    {
                        current = bridge!;
                    }

                    await current.WaitForExitAsync(Timeout.InfiniteTimeSpan).WaitAsync(stop.Token);
                    var next = await BpjsCrashBridge.StartAsync(kiosk, bpjs, folder);
                    lock (gate)
                    {
                        bridge = next;
                    }

                    Interlocked.Increment(ref restarts);
                    await current.DisposeAsync();
                }
            });

            // Eight JKN patients: three served, two no-shows, two cancelled, one still waiting: 15 reports.
            var cards = Enumerable.Range(0, 8).Select(i => $"000123456789{i}").ToList();
            var numbers = new List<string>();
            foreach (var card in cards)
            {
                numbers.Add((await kiosk.ScanAsync(card)).Number!);
            }

            for (var i = 0; i < 5; i++)
            {
                await Ok(kiosk, new { commandId = $"k-call-{i}", type = "call-next" }, numbers[i]);
                await Ok(kiosk, new { commandId = $"k-end-{i}", type = i < 3 ? "serve" : "no-show" }, numbers[i]);
            }

            await Ok(kiosk, new { commandId = "k-cancel-5", type = "cancel", ticketNumber = numbers[5] }, numbers[5]);
            await Ok(kiosk, new { commandId = "k-cancel-6", type = "cancel", ticketNumber = numbers[6] }, numbers[6]);

            // Ten kills and their restarts take a process start each: bounded by those, not by the house's 20 s.
            var bound = Wait + (BpjsCrashBridge.StartWait / 4 * Kills);
            await bpjs.WaitUntilAsync(r => r.Count(x => x.Answer.Kind == BpjsOutcomeKind.Delivered) >= 15 && kills == Kills, bound);
            await Eventually.TrueAsync(() => Backlog(folder) == 0, "the last bridge's outbox has nothing waiting", bound);

            var requests = bpjs.Requests;
            var delivered = requests.Where(r => r.Answer.Kind == BpjsOutcomeKind.Delivered).ToList();
            // 0 lost: every report BPJS should have, it has; 0 duplicates: none of them was taken twice.
            var expected = cards.Select(c => (c, "add"))
                .Concat(cards.Take(5).Select(c => (c, "panggil")))
                .Concat(cards.Skip(5).Take(2).Select(c => (c, "batal")))
                .Order().ToList();
            Assert.Equal(expected, delivered.Select(r => (r.NomorKartu, r.Kind)).Order().ToList());
            Assert.Equal([1, 1, 1, 2, 2], cards.Take(5).Select(c => delivered.Single(r => r.NomorKartu == c && r.Kind == "panggil").BodyAs<PanggilAntrean>()!.Status));
            // Each killed send was sent once more after the restart and answered "already there": apart, never a second report.
            Assert.Equal(Kills, kills);
            Assert.Equal(Kills, requests.Count(r => r.Answer.Kind == BpjsOutcomeKind.AlreadyDone));
            Assert.DoesNotContain(requests, r => r.Answer.Kind is BpjsOutcomeKind.Refused or BpjsOutcomeKind.Retry);
            // In order per ticket: BPJS had each ticket's tambah before anything else of it.
            foreach (var card in cards)
            {
                Assert.Equal("add", requests.Where(r => r.NomorKartu == card).MinBy(r => r.Sequence)!.Kind);
            }

            Assert.True(Volatile.Read(ref restarts) >= Kills, $"the bridge was restarted {restarts} times");
        }
        finally
        {
            bpjs.Mode.BeforeAnswer = null;
            await stop.CancelAsync();
            // The supervisor ends at its next wait (cancelled); only then is the bridge it last started known.
            await supervisor.WaitAsync(BpjsCrashBridge.StartWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            ChildProcess? last;
            lock (gate)
            {
                last = bridge;
            }

            if (last is not null)
            {
                await last.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Backlog(string folder)
    {
        using var outbox = ReportOutbox.Open(BpjsCrashBridge.OutboxPath(folder), TimeProvider.System);
        return outbox.Backlog().Count;
    }

    private static async Task Ok(KioskHarness kiosk, object command, string? number)
    {
        var reply = await kiosk.CommandAsync(2, command);
        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(number, reply.GetProperty("ticket").GetProperty("number").GetString());
    }
}
