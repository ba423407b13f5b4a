using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>An evdev node through libc.</summary>
internal sealed class LinuxInputDeviceIo : IInputDeviceIo
{
    private readonly LinuxFile file;

    private LinuxInputDeviceIo(LinuxFile file) => this.file = file;

    /// <summary>Opens read-only; <paramref name="path"/> may be a /dev/input/by-id link, which follows the reader across replugs.</summary>
    public static LinuxInputDeviceIo Open(string path) => new(LinuxFile.Open(path, Libc.ORdOnly));

    public int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken) => file.Read(buffer, timeout, cancellationToken);

    public unsafe string? TryGrab()
    {
        var (result, errno) = file.WithDescriptor(fd =>
        {
            // EVIOCGRAB takes the int by value in the pointer argument.
            var r = Libc.Ioctl(fd, Libc.EvIocGrab, (void*)1);
            return (r, r < 0 ? Marshal.GetLastPInvokeError() : 0);
        });
        return result == 0
            ? null
            : errno == Libc.EBusy
                ? "another program has grabbed the device"
                : Libc.Describe(errno);
    }

    public void Dispose() => file.Dispose();
}
