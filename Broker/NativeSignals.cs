using System.Runtime.InteropServices;

namespace Kiosk.Broker;

/// <summary>POSIX signals: Process.Kill only sends SIGKILL, a clean broker stop needs SIGTERM.</summary>
internal static partial class NativeSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
}
