using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kiosk.Package.Tests.Support;

/// <summary>
/// A program from the arm64 package run on this x64 machine under qemu-aarch64-static, with Debian's arm64 C and
/// C++ libraries (libc6-arm64-cross, libstdc++6-arm64-cross) as its root (-L). There is no arm64 ICU here, so
/// globalization runs invariant; everything else (ReadyToRun code, the runtime, native SQLite) is the package's own.
/// </summary>
internal sealed partial class EmulatedKiosk : IAsyncDisposable
{
    public const string Qemu = "/usr/bin/qemu-aarch64-static";
    public const string Sysroot = "/usr/aarch64-linux-gnu";
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private EmulatedKiosk(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', output);

    /// <summary>Why arm64 programs cannot run here, or null when they can.</summary>
    public static string? MissingFacility() =>
        !File.Exists(Qemu) ? $"{Qemu} is missing (Debian package qemu-user-static)"
        : !File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")) ? $"{Sysroot}/lib/ld-linux-aarch64.so.1 is missing (libc6-arm64-cross)"
        : !File.Exists(Path.Combine(Sysroot, "lib", "libstdc++.so.6")) ? $"{Sysroot}/lib/libstdc++.so.6 is missing (libstdc++6-arm64-cross)"
        : null;

    public static EmulatedKiosk Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Qemu) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(program)! };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(Sysroot);
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "INVOCATION_ID", "JOURNAL_STREAM" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        // The emulated JIT is slow: tiered compilation keeps start-up bearable for code that ReadyToRun did not cover.
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new EmulatedKiosk(Process.Start(start)!);
    }

    /// <summary>Waits until the program has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"No '{text}' from the emulated program within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
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
            throw new TimeoutException($"The emulated program did not exit within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL to qemu, which is the process: the kiosk dies at whatever instruction it was on.</summary>
    public void KillHard() => Signal(9);

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
