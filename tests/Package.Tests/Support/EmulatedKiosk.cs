using Kiosk.TestSupport;

namespace Kiosk.Package.Tests.Support;

/// <summary>
/// A program from the arm64 package run on this x64 machine under qemu-aarch64-static, with Debian's arm64 C and
/// C++ libraries (libc6-arm64-cross, libstdc++6-arm64-cross) as its root (-L). There is no arm64 ICU here, so
/// globalization runs invariant; everything else (ReadyToRun code, the runtime, native SQLite) is the package's own.
/// </summary>
internal sealed class EmulatedKiosk : IAsyncDisposable
{
    public const string Qemu = "/usr/bin/qemu-aarch64-static";
    public const string Sysroot = "/usr/aarch64-linux-gnu";
    private readonly ChildProcess child;

    private EmulatedKiosk(ChildProcess child) => this.child = child;

    public string Output => child.Output;

    /// <summary>Why arm64 programs cannot run here, or null when they can.</summary>
    public static string? MissingFacility() =>
        !File.Exists(Qemu) ? $"{Qemu} is missing (Debian package qemu-user-static)"
        : !File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")) ? $"{Sysroot}/lib/ld-linux-aarch64.so.1 is missing (libc6-arm64-cross)"
        : !File.Exists(Path.Combine(Sysroot, "lib", "libstdc++.so.6")) ? $"{Sysroot}/lib/libstdc++.so.6 is missing (libstdc++6-arm64-cross)"
        : null;

    public static EmulatedKiosk Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = ChildProcess.StartInfo(Qemu);
        start.WorkingDirectory = Path.GetDirectoryName(program)!;
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(Sysroot);
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        // The emulated JIT is slow: tiered compilation keeps start-up bearable for code that ReadyToRun did not cover.
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new EmulatedKiosk(ChildProcess.Start(start, "the emulated program"));
    }

    /// <summary>Waits until the program has printed a line containing <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) => child.WaitForOutputAsync(text, timeout);

    public Task<int> WaitForExitAsync(TimeSpan timeout) => child.WaitForExitAsync(timeout);

    /// <summary>SIGKILL to qemu, which is the process: the kiosk dies at whatever instruction it was on.</summary>
    public void KillHard() => child.KillHard();

    public void Terminate() => child.Terminate();

    public ValueTask DisposeAsync() => child.DisposeAsync();
}
