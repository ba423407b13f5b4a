using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Kiosk.Broker;

namespace Kiosk.Device.Tests.Process;

/// <summary>
/// The real kiosk executable (Kiosk.Device run) as a child process on simulated hardware: what systemd starts on the
/// Pi, for the tests that need a real process boundary (SIGKILL, SIGTERM, exit codes, NOTIFY_SOCKET).
/// </summary>
internal sealed partial class KioskProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process process;
    private readonly ConcurrentQueue<string> output = new();

    private KioskProcess(System.Diagnostics.Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output => string.Join('\n', output);

    /// <summary>Kiosk settings for a simulated kiosk against <paramref name="broker"/>, with its data in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> Settings(PrivateBroker broker, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var kiosk = broker.For(BrokerRoles.Kiosk);
        return new Dictionary<string, string>
        {
            ["Kiosk:Site:Id"] = broker.Site,
            ["Kiosk:Mqtt:Host"] = broker.Host,
            ["Kiosk:Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Kiosk:Mqtt:Password"] = kiosk.Password,
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
            ["Kiosk:Hardware:Kind"] = "simulated",
            ["Kiosk:Printer:Transport"] = "simulated",
            ["Kiosk:Reader:Kind"] = "none",
            ["Kiosk:DataDirectory"] = dataDirectory,
        };
    }

    public static KioskProcess Start(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null, string verb = "run")
    {
        ArgumentNullException.ThrowIfNull(settings);
        return StartProgram("Kiosk.Device.dll", [verb, .. settings.Select(pair => $"--{pair.Key}={pair.Value}")], environment);
    }

    /// <summary>Any program of the test output folder (Kiosk.Device.dll, Kiosk.Simulator.dll) with exactly these arguments.</summary>
    public static KioskProcess StartProgram(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit a systemd socket from whoever runs the tests.
        start.Environment.Remove("NOTIFY_SOCKET");
        start.Environment.Remove("WATCHDOG_USEC");
        start.Environment.Remove("INVOCATION_ID");
        start.Environment.Remove("JOURNAL_STREAM");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new KioskProcess(System.Diagnostics.Process.Start(start)!);

        // A simulator reads its front panel from standard input: end of input stops it rather than leaving it waiting.
        process.process.StandardInput.Close();
        return process;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The kiosk process did not exit within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }

        // WaitForExitAsync returns before the redirected streams are drained; the parameterless wait drains them.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL: what a power cut does to the process.</summary>
    public void KillHard() => Signal(9);

    /// <summary>SIGTERM: what `systemctl stop` sends.</summary>
    public void Terminate() => Signal(15);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Signal(int signal)
    {
        if (SendSignal(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
