using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Kiosk.TestSupport;

/// <summary>
/// A real pseudo-terminal pair: the code under test opens <see cref="DevicePath"/> (a /dev/pts/N tty, exactly like
/// /dev/ttyUSB0 or a serial card reader), and the test plays the device on the master side. The master is
/// non-blocking and every read and write waits through poll(2) with a bound, so a device that never answers fails the
/// test with a timeout instead of hanging a thread.
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    private const int ORdWr = 0x2, ONoCtty = 0x100, ONonBlock = 0x800, OCloExec = 0x80000;
    private const int EAgain = 11, EIntr = 4;
    private const short PollIn = 0x1, PollOut = 0x4;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);
    private readonly SafeFileHandle master;

    private PseudoTerminal(SafeFileHandle master, string devicePath)
    {
        this.master = master;
        DevicePath = devicePath;
    }

    public string DevicePath { get; }

    /// <summary>Opens /dev/ptmx (the master) and unlocks its slave, which is what the code under test opens.</summary>
    public static PseudoTerminal Open()
    {
        var fd = OpenFile("/dev/ptmx", ORdWr | ONoCtty | ONonBlock | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"Cannot open /dev/ptmx: errno {Marshal.GetLastPInvokeError()}");
        }

        var master = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (GrantPt(fd) != 0 || UnlockPt(fd) != 0)
            {
                throw new IOException($"grantpt/unlockpt failed: errno {Marshal.GetLastPInvokeError()}");
            }

            var name = new byte[128];
            return PtsNameR(fd, name, (nuint)name.Length) == 0
                ? new PseudoTerminal(master, Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0)))
                : throw new IOException("ptsname_r failed.");
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>What the device side sends to the host, all of it within 5 s.</summary>
    public Task SendAsync(byte[] data) => Task.Run(() => Write(data));

    /// <summary>A scan as a serial card reader sends it: the text and a CR.</summary>
    public void Scan(string text) => Write(Encoding.ASCII.GetBytes(text + "\r"));

    /// <summary>Reads exactly <paramref name="count"/> bytes the host wrote, within <paramref name="timeout"/>.</summary>
    public Task<byte[]> ReceiveAsync(int count, TimeSpan timeout) => Task.Run(() =>
    {
        var buffer = new byte[count];
        var received = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (received < count)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Only {received} of {count} bytes arrived within {timeout.TotalSeconds:0.#} s.");
            }

            if (Wait(PollIn, remaining))
            {
                received += Transfer(buffer.AsSpan(received), reading: true);
            }
        }

        return buffer;
    });

    public void Dispose() => master.Dispose();

    private void Write(byte[] data)
    {
        var written = 0;
        var deadline = DateTime.UtcNow + WriteTimeout;
        while (written < data.Length)
        {
            written += Transfer(data.AsSpan(written), reading: false);
            var remaining = deadline - DateTime.UtcNow;
            if (written < data.Length && (remaining <= TimeSpan.Zero || !Wait(PollOut, remaining)))
            {
                throw new TimeoutException($"Only {written} of {data.Length} bytes went to {DevicePath} within {WriteTimeout.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>One read(2) or write(2) on the master; 0 when it would block.</summary>
    private unsafe int Transfer(Span<byte> bytes, bool reading)
    {
        var added = false;
        master.DangerousAddRef(ref added);
        try
        {
            var fd = (int)master.DangerousGetHandle();
            fixed (byte* pointer = bytes)
            {
                var n = reading ? ReadFile(fd, pointer, (nuint)bytes.Length) : WriteFile(fd, pointer, (nuint)bytes.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                var errno = Marshal.GetLastPInvokeError();
                return errno is EAgain or EIntr
                    ? 0
                    : throw new IOException($"{(reading ? "Reading" : "Writing")} the pseudo-terminal failed: errno {errno}");
            }
        }
        finally
        {
            if (added)
            {
                master.DangerousRelease();
            }
        }
    }

    /// <summary>poll(2) for <paramref name="events"/>; false when <paramref name="timeout"/> passed first.</summary>
    private unsafe bool Wait(short events, TimeSpan timeout)
    {
        var added = false;
        master.DangerousAddRef(ref added);
        try
        {
            var poll = new PollFd { Fd = (int)master.DangerousGetHandle(), Events = events };
            return Poll(&poll, 1, (int)Math.Ceiling(timeout.TotalMilliseconds)) > 0;
        }
        finally
        {
            if (added)
            {
                master.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadFile(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFile(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, [Out] byte[] buffer, nuint length);
}
