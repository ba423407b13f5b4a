using System.Diagnostics;
using System.Net.Sockets;
using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.Simulator.Devices;
using Microsoft.Extensions.Logging;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.KioskPart;

/// <summary>
/// The simulator's side of a kiosk running in a child process (<see cref="KioskPartProgram"/>): starts it, prints its
/// jobs on the simulator's printer, follows its lamps and activity, and passes it the panel's presses, scans and clock
/// jumps. <see cref="KillAsync"/> is the power cut: SIGKILL, no cleanup in the kiosk at all.
/// </summary>
public sealed class KioskProcess : IKioskFront, IAsyncDisposable
{
    private const int OutputTail = 200;
    private readonly Process process;
    private readonly string folder;
    private readonly FrontPanelPrinter printerLine;
    private readonly Lock gate = new();
    private readonly Dictionary<string, bool> lamps = new(StringComparer.Ordinal);
    private readonly LinkedList<string> output = new();
    private readonly TaskCompletionSource<PartReady> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PartChannel? channel;
    private Task reading = Task.CompletedTask;
    private PartReady? front;

    private KioskProcess(Process process, string folder, FrontPanelPrinter printerLine)
    {
        this.process = process;
        this.folder = folder;
        this.printerLine = printerLine;
    }

    public event EventHandler<LampChangedEventArgs>? LampChanged;

    public event EventHandler<KioskActivityEventArgs>? ActivityHappened;

    /// <summary>Each line the kiosk process writes (its log), as it comes; the simulator's terminal shows them too.</summary>
    public event EventHandler<string>? OutputReceived;

    public int Id => process.Id;

    /// <summary>Completes with the exit code when the kiosk process has ended, killed or not.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public string Site => Front.Site;

    public string? SiteName => Front.SiteName;

    public string TimeZone => Front.TimeZone;

    public IReadOnlyList<KioskButton> Buttons => Front.Buttons;

    /// <summary>The kiosk process's last lines of output, oldest first.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', output);
            }
        }
    }

    internal PartChannel Channel => channel ?? throw new InvalidOperationException(SimulatorTeks.KioskNotConnected);

    private PartReady Front => front ?? throw new InvalidOperationException(SimulatorTeks.KioskNotReady);

    /// <summary>
    /// Starts the kiosk part and returns once its host has started, or throws when it exits or is not ready within
    /// <paramref name="timeout"/> (a kiosk that cannot start says why on the simulator's terminal).
    /// </summary>
    public static async Task<KioskProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? configFile, SimulatorClock clock, FrontPanelPrinter printerLine, ILogger logger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(printerLine);
        var folder = Directory.CreateTempSubdirectory("kiosk-part-").FullName;
        var path = Path.Combine(folder, "kiosk.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);

        var start = StartInfo(KioskPartProgram.Arguments(path, clock.Offset, printerLine.Description, configFile));
        foreach (var (key, value) in settings)
        {
            start.Environment[KioskPartProgram.EnvironmentName(key)] = value;
        }

        var kiosk = new KioskProcess(Process.Start(start) ?? throw new InvalidOperationException(SimulatorTeks.KioskProcessUnstartable), folder, printerLine);
        try
        {
            kiosk.process.OutputDataReceived += (_, e) => kiosk.Echo(e.Data, Console.Out);
            kiosk.process.ErrorDataReceived += (_, e) => kiosk.Echo(e.Data, Console.Error);
            kiosk.process.BeginOutputReadLine();
            kiosk.process.BeginErrorReadLine();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var exited = kiosk.process.WaitForExitAsync(limit.Token);
            var accepted = listener.AcceptAsync(limit.Token).AsTask();
            await kiosk.UntilAsync(accepted, exited, timeout, cancellationToken);
            kiosk.channel = new PartChannel(await accepted, logger);
            kiosk.reading = Task.Run(() => kiosk.channel.ReadAsync(kiosk.Handle, CancellationToken.None), CancellationToken.None);
            kiosk.front = await kiosk.UntilAsync(kiosk.ready.Task, exited, timeout, cancellationToken);
            return kiosk;
        }
        catch
        {
            await kiosk.KillAsync();
            await kiosk.DisposeAsync();
            throw;
        }
    }

    public bool LampLit(string lampId)
    {
        lock (gate)
        {
            return lamps.TryGetValue(lampId, out var lit) && lit;
        }
    }

    public void Press(string buttonId) => Post(new PartMessage { Type = PartMessage.Press, Text = buttonId });

    public void Scan(string text) => Post(new PartMessage { Type = PartMessage.Scan, Text = text });

    public void CheckPrinterNow() => Post(new PartMessage { Type = PartMessage.CheckPrinter });

    public void CheckDayCloseNow() => Post(new PartMessage { Type = PartMessage.CheckDayClose });

    public void MoveClock(TimeSpan offset) => Post(new PartMessage { Type = PartMessage.Clock, ClockOffsetTicks = offset.Ticks });

    /// <summary>SIGKILL: the kiosk stops at whatever instruction it was on; the kernel closes its files and sockets.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    /// <summary>A clean stop: the kiosk reads the end of the line and shuts its host down; killed if it takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        if (channel is not null)
        {
            await channel.DisposeAsync();
        }

        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        await reading;
        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover socket folder in /tmp is harmless.
        }
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        // The simulator runs from its apphost or as `dotnet Kiosk.Simulator.dll`; a test host loads it as a library.
        var directory = Path.GetDirectoryName(typeof(KioskProcess).Assembly.Location) ?? AppContext.BaseDirectory;
        var apphost = Path.Combine(directory, "Kiosk.Simulator");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(directory, "Kiosk.Simulator.dll") } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A kiosk part is not the systemd service: it must not notify a socket the simulator was given.
        foreach (var variable in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "INVOCATION_ID", "JOURNAL_STREAM" })
        {
            start.Environment.Remove(variable);
        }

        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = directory;
        return start;
    }

    private async Task<T> UntilAsync<T>(Task<T> wanted, Task exited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAny(wanted, exited);
        }
        catch (OperationCanceledException)
        {
            // Judged below.
        }

        if (wanted.IsCompletedSuccessfully)
        {
            return wanted.Result;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (process.HasExited)
        {
            // The exit can overtake the last lines: the parameterless wait drains the redirected streams.
            process.WaitForExit();
            throw new KioskProcessException(SimulatorTeks.KioskProcessEndedEarly(process.ExitCode) + "\n" + Output);
        }

        throw new KioskProcessException(SimulatorTeks.KioskProcessNotReadyAfter(timeout) + "\n" + Output);
    }

    private void Echo(string? line, TextWriter terminal)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AddLast(line);
            if (output.Count > OutputTail)
            {
                output.RemoveFirst();
            }
        }

        terminal.WriteLine(line);
        OutputReceived?.Invoke(this, line);
    }

    private void Post(PartMessage message) => _ = Channel.SendAsync(message);

    private bool Handle(PartMessage message)
    {
        switch (message.Type)
        {
            case PartMessage.Ready when message.Front is { } kiosk:
                lock (gate)
                {
                    foreach (var (id, lit) in kiosk.Lamps)
                    {
                        lamps[id] = lit;
                    }
                }

                ready.TrySetResult(kiosk);
                return true;
            case PartMessage.Lamp when message.LampChange is { } change:
                lock (gate)
                {
                    lamps[change.LampId] = change.Lit;
                }

                LampChanged?.Invoke(this, change);
                return true;
            case PartMessage.Activity when message.Happened is { } happened:
                ActivityHappened?.Invoke(this, happened);
                return true;
            case PartMessage.Print when message is { Id: { } id, Job: { } job }:
                // On the printer's own time: a print takes a while, and a power cut freezes it for good.
                _ = Task.Run(async () =>
                {
                    var result = await printerLine.SendAsync(job, CancellationToken.None);
                    await Channel.SendAsync(new PartMessage { Type = PartMessage.Printed, Id = id, Result = result });
                }, CancellationToken.None);
                return true;
            case PartMessage.QueryStatus when message.Id is { } id:
                _ = Task.Run(async () =>
                {
                    var status = await printerLine.QueryStatusAsync(CancellationToken.None);
                    await Channel.SendAsync(new PartMessage { Type = PartMessage.StatusRead, Id = id, Status = status });
                }, CancellationToken.None);
                return true;
            default:
                return false;
        }
    }
}
