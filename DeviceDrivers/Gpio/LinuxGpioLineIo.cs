using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;
using Kiosk.DeviceDrivers.Text;
using Microsoft.Win32.SafeHandles;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// A GPIO line request descriptor. It comes from an ioctl, not open(2), so it cannot be a <see cref="LinuxFile"/>;
/// it gets the same treatment: a SafeHandle against descriptor reuse and poll in short slices for timeouts.
/// </summary>
internal sealed class LinuxGpioLineIo : IGpioLineIo
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private readonly SafeFileHandle handle;
    private readonly string description;

    public LinuxGpioLineIo(int fd, string description)
    {
        handle = new SafeFileHandle(fd, ownsHandle: true);
        this.description = description;
    }

    public unsafe int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = deadline - DateTime.UtcNow;
            var wait = remaining < Slice ? remaining : Slice;
            if (Poll(wait < TimeSpan.Zero ? TimeSpan.Zero : wait))
            {
                fixed (byte* pointer = buffer)
                {
                    var address = (nint)pointer;
                    var length = (nuint)buffer.Length;
                    var (n, errno) = WithDescriptor(fd =>
                    {
                        var r = Libc.Read(fd, (byte*)address, length);
                        return (r, r < 0 ? Marshal.GetLastPInvokeError() : 0);
                    });
                    if (n > 0)
                    {
                        return (int)n;
                    }

                    if (n < 0 && errno != Libc.EAgain && errno != Libc.EIntr)
                    {
                        throw new GpioException(DriverTeks.GpioCallFailed(DriverTeks.GpioReadEvents, description, DriverTeks.Errno(errno)));
                    }
                }
            }

            if (DateTime.UtcNow >= deadline)
            {
                return 0;
            }
        }
    }

    public unsafe void Ioctl(uint request, byte[] argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        fixed (byte* pointer = argument)
        {
            var address = (nint)pointer;
            var (result, errno) = WithDescriptor(fd =>
            {
                var r = Libc.Ioctl(fd, request, (void*)address);
                return (r, r < 0 ? Marshal.GetLastPInvokeError() : 0);
            });
            if (result < 0)
            {
                throw new GpioException(DriverTeks.GpioCallFailed($"ioctl 0x{request:X8}", description, DriverTeks.Errno(errno)));
            }
        }
    }

    public void Dispose() => handle.Dispose();

    private unsafe bool Poll(TimeSpan timeout)
    {
        var revents = WithDescriptor(fd =>
        {
            var poll = new Libc.PollFd { Fd = fd, Events = Libc.PollIn };
            var ready = Libc.Poll(&poll, 1, (int)Math.Ceiling(timeout.TotalMilliseconds));
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno == Libc.EIntr ? (short)0 : throw new GpioException(DriverTeks.GpioCallFailed(DriverTeks.GpioPoll, description, DriverTeks.Errno(errno)));
            }

            return poll.Revents;
        });
        if ((revents & (Libc.PollErr | Libc.PollNval)) != 0)
        {
            throw new GpioException(DriverTeks.GpioChipGone(description));
        }

        return (revents & Libc.PollIn) != 0;
    }

    private T WithDescriptor<T>(Func<int, T> call)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return call((int)handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            throw new GpioException(DriverTeks.GpioClosed(description));
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
