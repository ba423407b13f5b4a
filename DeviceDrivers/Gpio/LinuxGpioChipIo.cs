using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;
using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>/dev/gpiochipN through libc.</summary>
internal sealed class LinuxGpioChipIo : IGpioChipIo
{
    private readonly LinuxFile file;

    private LinuxGpioChipIo(LinuxFile file) => this.file = file;

    public string Path => file.Path;

    public static LinuxGpioChipIo Open(string path) =>
        LinuxFile.TryOpen(path, Libc.ORdWr, out var file, out var errno)
            ? new LinuxGpioChipIo(file)
            : throw new GpioException(DriverTeks.GpioChipCannotOpen(path, DriverTeks.Errno(errno)));

    public unsafe void Ioctl(uint request, byte[] argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        fixed (byte* pointer = argument)
        {
            var address = (nint)pointer;
            var (result, errno) = file.WithDescriptor(fd =>
            {
                var r = Libc.Ioctl(fd, request, (void*)address);
                return (r, r < 0 ? Marshal.GetLastPInvokeError() : 0);
            });
            if (result < 0)
            {
                throw new GpioException(DriverTeks.GpioCallFailed($"ioctl 0x{request:X8}", Path, DriverTeks.Errno(errno)));
            }
        }
    }

    public IGpioLineIo AdoptLine(int fd, string description) => new LinuxGpioLineIo(fd, description);

    public void Dispose() => file.Dispose();
}
