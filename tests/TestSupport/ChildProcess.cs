using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kiosk.TestSupport;

/// <summary>
/// A program under test as a child process: its output lines captured as they come, waits that end on an event (a line,
/// an exit) or a timeout, and the signals a test sends (SIGKILL as a power cut does to the process, SIGTERM as
/// <c>systemctl stop</c>). <see cref="StartInfo"/> leaves out the runner's systemd variables, so a child never
/// inherits a socket the test did not give it.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private static readonly string[] SystemdVariables = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "INVOCATION_ID", "JOURNAL_STREAM"];
    private readonly Process process;
    private readonly string name;
    private readonly Lock gate = new();
    private readonly List<string> output = [];
    private readonly List<(string Text, TaskCompletionSource Seen)> watches = [];

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        this.name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Standard output and error so far, one line each, in arrival order.</summary>
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

    /// <summary>A start for <paramref name="fileName"/> without the runner's systemd variables; a test adds its own after.</summary>
    public static ProcessStartInfo StartInfo(string fileName)
    {
        var start = new ProcessStartInfo(fileName);
        foreach (var variable in SystemdVariables)
        {
            start.Environment.Remove(variable);
        }

        return start;
    }

    /// <summary>
    /// Starts <paramref name="start"/> (made by <see cref="StartInfo"/>) with its output captured; <paramref name="name"/>
    /// says what it is in timeout messages. With <paramref name="closeInput"/> the child reads end of input at once (a
    /// program that reads a front panel from standard input then stops instead of waiting).
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, string name, bool closeInput = false)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = closeInput;
        start.UseShellExecute = false;
        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}."), name);
        if (closeInput)
        {
            child.process.StandardInput.Close();
        }

        return child;
    }

    /// <summary>Waits until the program has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            watches.Add((text, seen));
        }

        var exited = process.WaitForExitAsync();
        // Task, not Task<Task>: SuppressThrowing (a timeout is judged below) is only allowed on the non-generic kind.
        await ((Task)Task.WhenAny(seen.Task, exited)).WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (exited.IsCompleted)
        {
            // The exit can overtake the last lines: the parameterless wait drains the redirected streams.
            process.WaitForExit();
        }

        if (!seen.Task.IsCompleted)
        {
            var why = exited.IsCompleted ? $"it exited with code {process.ExitCode}" : $"not within {timeout.TotalSeconds:0} s";
            throw new TimeoutException($"No '{text}' from {name}: {why}. Output:\n{Output}");
        }
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
            throw new TimeoutException($"{name} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }

        // WaitForExitAsync returns before the redirected streams are drained; the parameterless wait drains them.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at whatever instruction it was on and runs no cleanup.</summary>
    public void KillHard() => Signal(9);

    /// <summary>SIGTERM: what <c>systemctl stop</c> sends.</summary>
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource> seen;
        lock (gate)
        {
            output.Add(line);
            seen = watches.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Seen).ToList();
            watches.RemoveAll(w => seen.Contains(w.Seen));
        }

        seen.ForEach(s => s.TrySetResult());
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
