using System.Net.Sockets;
using Kiosk.Device.Input;
using Kiosk.Simulator.KioskPart;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Simulator.Tests;

/// <summary>The kiosk in a child process of the simulator, as the front panel runs it: the line between them and its end.</summary>
public sealed class KioskPartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_kiosk_process_skips_a_malformed_line_keeps_serving_and_is_gone_after_the_session_ends()
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-part-test-").FullName;
        var overrides = new Dictionary<string, string>(SimulatorApp.QuietLogs) { ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = "0" };
        var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = folder, Overrides = overrides, KioskInChildProcess = true }, CancellationToken.None);
        int pid;
        try
        {
            var kiosk = session.KioskProcess!;
            pid = kiosk.Id;
            Assert.NotEqual(Environment.ProcessId, pid);
            Assert.Equal(pid, session.KioskProcessId);

            var unreadable = Seen(kiosk, "tidak dapat dibaca");
            var refused = Seen(kiosk, "tidak dapat dijalankan");
            Assert.True(await kiosk.Channel.SendRawAsync("{ini bukan json"));
            Assert.True(await kiosk.Channel.SendRawAsync("""{"type":"tidak-ada"}"""));
            await unreadable.WaitAsync(Patience);
            await refused.WaitAsync(Patience);

            // Still the same process, and it still hears the panel: a press gets a ticket printed on the simulator's printer.
            var issued = new TaskCompletionSource<KioskActivityEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            session.Front!.ActivityHappened += (_, e) =>
            {
                if (e.Number is not null)
                {
                    issued.TrySetResult(e);
                }
            };
            session.Front.Press("umum");
            var ticket = await issued.Task.WaitAsync(Patience);
            Assert.Equal("umum", ticket.Source);
            Assert.Equal(pid, session.KioskProcessId);
            Assert.True(Directory.Exists($"/proc/{pid}"));
            Assert.Contains(ticket.Number!, Assert.Single(session.Printer.Receipts).Text, StringComparison.Ordinal);
        }
        finally
        {
            await session.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"Proses kiosk {pid} masih ada setelah sesi simulator ditutup.");
    }

    [Fact]
    public async Task A_kiosk_process_killed_from_outside_leaves_the_kiosk_off_until_it_is_powered_on_again_and_a_paper_change_restarts_it()
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-part-test-").FullName;
        var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = folder, Overrides = SimulatorApp.QuietLogs, KioskInChildProcess = true }, CancellationToken.None);
        try
        {
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            session.KioskStopped += (_, _) => stopped.TrySetResult();
            var first = session.KioskProcessId!.Value;
            using (var kiosk = System.Diagnostics.Process.GetProcessById(first))
            {
                kiosk.Kill();
            }

            await stopped.Task.WaitAsync(Patience);
            Assert.False(session.KioskRunning);
            Assert.Null(session.Front);

            await session.PowerOnAsync();
            Assert.True(session.KioskRunning);
            var second = session.KioskProcessId!.Value;
            Assert.NotEqual(first, second);

            // The panel's paper switch is a clean restart: a new kiosk process with the other layout, the old one gone.
            await session.ChangePaperAsync(58);
            Assert.Equal(58, session.PaperWidthMm);
            Assert.NotEqual(second, session.KioskProcessId);
            Assert.False(Directory.Exists($"/proc/{second}"));
        }
        finally
        {
            await session.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_simulator_side_of_the_line_skips_a_malformed_line_and_reads_the_next_message()
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-part-line-").FullName;
        var path = Path.Combine(folder, "line.sock");
        try
        {
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            await using var kioskSide = await PartChannel.ConnectAsync(path, NullLogger.Instance, CancellationToken.None);
            await using var simulatorSide = new PartChannel(await listener.AcceptAsync(), NullLogger.Instance);

            var received = new List<PartMessage>();
            var reading = simulatorSide.ReadAsync(message => { received.Add(message); return message.Type == PartMessage.Lamp; }, CancellationToken.None);
            Assert.True(await kioskSide.SendRawAsync("\u0000\u0001 sampah"));
            Assert.True(await kioskSide.SendRawAsync("""{"id":3}"""));
            Assert.True(await kioskSide.SendAsync(new PartMessage { Type = PartMessage.Lamp, LampChange = new(KioskSignalsLamp, true) }));
            await kioskSide.DisposeAsync();
            await reading.WaitAsync(Patience);

            var lamp = Assert.Single(received);
            Assert.Equal(KioskSignalsLamp, lamp.LampChange!.LampId);
            Assert.True(lamp.LampChange.Lit);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string KioskSignalsLamp = "lamp-umum";

    private static Task Seen(KioskProcess kiosk, string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        kiosk.OutputReceived += (_, line) =>
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        };
        return seen.Task;
    }
}
