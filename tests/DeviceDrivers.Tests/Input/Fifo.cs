using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Tests.Input;

/// <summary>
/// A named pipe standing in for /dev/input/eventN: the reader opens it by path like a device node, the test writes
/// recorded input_event bytes into it, and deleting it after closing the writer is an unplug (EOF, then ENOENT).
/// </summary>
internal sealed partial class Fifo : IDisposable
{
    private LinuxFile? writer;

    public Fifo(string path)
    {
        Path = path;
        Plug();
    }

    public string Path { get; }

    public void Plug()
    {
        if (MkFifo(Path, 0x180) != 0)
        {
            throw new IOException($"mkfifo {Path} failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }

        // Read-write so the test side never blocks and the reader never sees "no writer" before we want it to.
        writer = LinuxFile.Open(Path, Libc.ORdWr);
    }

    public void Send(byte[] bytes) => (writer ?? throw new InvalidOperationException("unplugged")).Write(bytes, TimeSpan.FromSeconds(5), CancellationToken.None);

    public void Unplug()
    {
        writer?.Dispose();
        writer = null;
        File.Delete(Path);
    }

    public void Dispose() => Unplug();

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);
}
