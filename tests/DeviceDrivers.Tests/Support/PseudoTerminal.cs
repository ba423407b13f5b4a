using System.Runtime.InteropServices;
using System.Text;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Tests.Support;

/// <summary>
/// A real pseudo-terminal pair: the code under test opens <see cref="DevicePath"/> (a /dev/pts/N tty, exactly like
/// /dev/ttyUSB0), and the test plays the device on the master side.
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private readonly LinuxFile master;

    private PseudoTerminal(LinuxFile master, string devicePath)
    {
        this.master = master;
        DevicePath = devicePath;
    }

    public string DevicePath { get; }

    /// <summary>Opens /dev/ptmx (the master) and unlocks its slave, which is what the code under test opens.</summary>
    public static PseudoTerminal Open()
    {
        var master = LinuxFile.Open("/dev/ptmx", Libc.ORdWr | Libc.ONoCtty);
        try
        {
            var path = master.WithDescriptor(fd =>
            {
                if (GrantPt(fd) != 0 || UnlockPt(fd) != 0)
                {
                    throw new IOException($"grantpt/unlockpt failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
                }

                var name = new byte[128];
                return PtsNameR(fd, name, (nuint)name.Length) == 0
                    ? Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0))
                    : throw new IOException("ptsname_r failed.");
            });
            return new PseudoTerminal(master, path);
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>What the device side sends to the host.</summary>
    public Task SendAsync(byte[] data) => master.WriteAsync(data, TimeSpan.FromSeconds(5), CancellationToken.None);

    /// <summary>Reads exactly <paramref name="count"/> bytes the host wrote, within a bounded time.</summary>
    public async Task<byte[]> ReceiveAsync(int count, TimeSpan timeout)
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

            received += await master.ReadAsync(buffer.AsMemory(received), remaining, CancellationToken.None);
        }

        return buffer;
    }

    public void Dispose() => master.Dispose();

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte[] buffer, nuint length);
}
