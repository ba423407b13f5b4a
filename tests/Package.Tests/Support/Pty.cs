using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Kiosk.Package.Tests.Support;

/// <summary>A pseudo-terminal pair: the kiosk opens <see cref="DevicePath"/> as its serial card reader, the test types scans on the master.</summary>
internal sealed partial class Pty : IDisposable
{
    private readonly FileStream master;

    private Pty(FileStream master, string devicePath)
    {
        this.master = master;
        DevicePath = devicePath;
    }

    public string DevicePath { get; }

    public static Pty Open()
    {
        const int ORdWr = 0x2, ONoCtty = 0x100;
        var fd = PosixOpenPt(ORdWr | ONoCtty);
        if (fd < 0 || GrantPt(fd) != 0 || UnlockPt(fd) != 0)
        {
            throw new IOException($"posix_openpt/grantpt/unlockpt failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var name = new byte[128];
        if (PtsNameR(fd, name, (nuint)name.Length) != 0)
        {
            throw new IOException("ptsname_r failed.");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        return new Pty(new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0), Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0)));
    }

    /// <summary>A scan as a serial reader sends it: the text and a CR.</summary>
    public void Scan(string text)
    {
        master.Write(Encoding.ASCII.GetBytes(text + "\r"));
        master.Flush();
    }

    public void Dispose() => master.Dispose();

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r")]
    private static partial int PtsNameR(int fd, [Out] byte[] buffer, nuint length);
}
