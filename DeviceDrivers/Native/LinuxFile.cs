using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kiosk.DeviceDrivers.Native;

/// <summary>
/// A non-blocking Linux file descriptor (tty, evdev node, GPIO line request, printer device) with reads and writes
/// that wait through poll(2) in short slices, so every call has a timeout and honours cancellation, and a device
/// that disappears (unplugged USB) surfaces as an <see cref="IOException"/> instead of a hung thread.
/// The descriptor lives in a SafeHandle so a Dispose racing a read can never hit a reused descriptor number.
/// </summary>
internal sealed class LinuxFile : IDisposable
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private readonly SafeFileHandle handle;

    private LinuxFile(SafeFileHandle handle, string path)
    {
        this.handle = handle;
        Path = path;
    }

    public string Path { get; }

    public bool IsClosed => handle.IsClosed;

    /// <summary>Opens with O_NONBLOCK and O_CLOEXEC added to <paramref name="flags"/>.</summary>
    public static LinuxFile Open(string path, int flags) =>
        TryOpen(path, flags, out var file, out var errno) ? file : throw new IOException($"Cannot open {path}: {Libc.Describe(errno)}");

    /// <summary>As <see cref="Open"/>, but gives the errno, for callers that tell a technician what it means.</summary>
    public static bool TryOpen(string path, int flags, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LinuxFile? file, out int errno)
    {
        var fd = Libc.Open(path, flags | Libc.ONonBlock | Libc.OCloExec);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            file = null;
            return false;
        }

        errno = 0;
        file = new LinuxFile(new SafeFileHandle(fd, ownsHandle: true), path);
        return true;
    }

    /// <summary>Runs <paramref name="call"/> with the raw descriptor while the handle is kept alive.</summary>
    public T WithDescriptor<T>(Func<int, T> call)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return call((int)handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            throw new IOException($"{Path} is closed.");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public unsafe int Ioctl(nuint request, void* argument)
    {
        var arg = (nint)argument;
        return WithDescriptor(fd => Libc.Ioctl(fd, request, (void*)arg));
    }

    /// <summary>Reads what is available, waiting up to <paramref name="timeout"/>; returns 0 when nothing came in time.</summary>
    public Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.Run(() => Read(buffer.Span, timeout, cancellationToken), CancellationToken.None);

    /// <summary>Writes everything or throws: a timeout or a hang-up is an <see cref="IOException"/> naming the device.</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.Run(() => Write(data.Span, timeout, cancellationToken), CancellationToken.None);

    public unsafe int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fixed (byte* pointer = buffer)
            {
                var address = (nint)pointer;
                var length = (nuint)buffer.Length;
                var (result, errno) = WithDescriptor(fd =>
                {
                    var n = Libc.Read(fd, (byte*)address, length);
                    return (n, n < 0 ? Marshal.GetLastPInvokeError() : 0);
                });
                if (result > 0)
                {
                    return (int)result;
                }

                if (result == 0)
                {
                    // End of file: for a tty or device node this means the other side hung up or the device went away.
                    throw new EndOfStreamException($"{Path} was closed by the other side (hang-up or device removed).");
                }

                if (errno != Libc.EAgain && errno != Libc.EIntr)
                {
                    throw new IOException($"Reading {Path} failed: {Libc.Describe(errno)}");
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return 0;
            }

            WaitFor(Libc.PollIn, remaining < Slice ? remaining : Slice);
        }
    }

    public unsafe void Write(ReadOnlySpan<byte> data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var written = 0;
        while (written < data.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fixed (byte* pointer = data[written..])
            {
                var address = (nint)pointer;
                var length = (nuint)(data.Length - written);
                var (result, errno) = WithDescriptor(fd =>
                {
                    var n = Libc.Write(fd, (byte*)address, length);
                    return (n, n < 0 ? Marshal.GetLastPInvokeError() : 0);
                });
                if (result > 0)
                {
                    written += (int)result;
                    continue;
                }

                if (result < 0 && errno != Libc.EAgain && errno != Libc.EIntr)
                {
                    throw new IOException($"Writing to {Path} failed after {written} of {data.Length} bytes: {Libc.Describe(errno)}");
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Writing to {Path} timed out after {timeout.TotalSeconds:0.#} s with {written} of {data.Length} bytes sent (device busy, offline or out of paper).");
            }

            WaitFor(Libc.PollOut, remaining < Slice ? remaining : Slice);
        }
    }

    public void Dispose() => handle.Dispose();

    private unsafe void WaitFor(short events, TimeSpan timeout)
    {
        var revents = WithDescriptor(fd =>
        {
            var poll = new Libc.PollFd { Fd = fd, Events = events };
            var ready = Libc.Poll(&poll, 1, (int)Math.Ceiling(timeout.TotalMilliseconds));
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno == Libc.EIntr ? (short)0 : throw new IOException($"poll on {Path} failed: {Libc.Describe(errno)}");
            }

            return poll.Revents;
        });
        if ((revents & (Libc.PollErr | Libc.PollNval)) != 0 || ((revents & Libc.PollHup) != 0 && (revents & events) == 0))
        {
            throw new IOException($"{Path} reported {(((revents & Libc.PollHup) != 0) ? "hang-up" : "an error")}: the device was unplugged or closed.");
        }
    }
}
