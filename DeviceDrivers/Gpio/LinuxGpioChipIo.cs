using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>/dev/gpiochipN through libc.</summary>
internal sealed class LinuxGpioChipIo : IGpioChipIo
{
    private readonly LinuxFile file;

    private LinuxGpioChipIo(LinuxFile file) => this.file = file;

    public string Path => file.Path;

    public static LinuxGpioChipIo Open(string path)
    {
        try
        {
            return new LinuxGpioChipIo(LinuxFile.Open(path, Libc.ORdWr));
        }
        catch (IOException ex)
        {
            throw new GpioException($"GPIO chip {path} cannot be opened: {ex.Message}", ex);
        }
    }

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
                throw new GpioException($"ioctl 0x{request:X8} on {Path} failed: {Libc.Describe(errno)}");
            }
        }
    }

    public IGpioLineIo AdoptLine(int fd, string description) => new LinuxGpioLineIo(fd, description);

    public void Dispose() => file.Dispose();
}
