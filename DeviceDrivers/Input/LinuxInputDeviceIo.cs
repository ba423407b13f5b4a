using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>An evdev node through libc.</summary>
internal sealed class LinuxInputDeviceIo : IInputDeviceIo
{
    private readonly LinuxFile file;

    private LinuxInputDeviceIo(LinuxFile file) => this.file = file;

    /// <summary>Opens read-only; <paramref name="path"/> may be a /dev/input/by-id link, which follows the reader across replugs.</summary>
    public static LinuxInputDeviceIo Open(string path)
    {
        var io = new LinuxInputDeviceIo(LinuxFile.Open(path, Libc.ORdOnly));
        io.UseMonotonicClock();
        return io;
    }

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

    /// <summary>
    /// evdev stamps events with the wall clock by default; a Pi without RTC jumps years when NTP syncs after boot,
    /// which would split a scan in the middle at the inter-key gap. Best effort: a node that refuses keeps wall time.
    /// </summary>
    private unsafe void UseMonotonicClock()
    {
        var clock = Libc.ClockMonotonic;
        var address = (nint)(&clock);
        file.WithDescriptor(fd => Libc.Ioctl(fd, Libc.EvIocSClockId, (void*)address));
    }
}
